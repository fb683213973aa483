/** What a cancel button reports: a confirmation, or why the order may still be open. */
export type CancelMessage = { ok: boolean; text: string };

/** The confirmation of the last cancel, in a polite status region; failures go to the list's alert. */
export function CancelConfirmation({ message }: { message: CancelMessage | null }) {
  return (
    <div role="status" className="form-ok" data-testid="cancel-confirmation">
      {message?.ok ? message.text : null}
    </div>
  );
}

export const cancelFailure = (message: CancelMessage | null): string | null =>
  message && !message.ok ? message.text : null;
