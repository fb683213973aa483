"use client";

import { type ReactNode, useEffect, useId, useRef } from "react";

/**
 * An in-page modal asking to confirm a destructive action (Escape or Keep cancels). Rendered only
 * while there is something to confirm; focus starts on the safe choice.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="confirm-dialog-body">{children}</div>
      <div className="ticket-actions">
        <button type="button" className="button primary danger-fill" onClick={onConfirm}>
          {confirmLabel}
        </button>
        {/* biome-ignore lint/a11y/noAutofocus: the safe choice takes focus when the dialog opens */}
        <button type="button" className="button" autoFocus onClick={onCancel}>
          Keep
        </button>
      </div>
    </dialog>
  );
}
