import type { ReactNode } from "react";

/** A labelled control with its error underneath; the control itself points at the error by id. */
export function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>
        <span>{label}</span>
      </label>
      {children}
      <span id={`${id}-error`} className="field-error">
        {error}
      </span>
    </div>
  );
}

/** aria attributes of a control whose Field shows `error`. */
export const errorAttributes = (id: string, error: string | undefined) =>
  error ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};
