import { z } from "zod";
import { MAX_NOTE_LENGTH } from "./mismatch-actions";

export const mismatchParams = z.object({ id: z.uuid("must be a mismatch id") });

/** resolve, accept and adjust: what the operator did or decided, in words. */
export const noteBody = z.strictObject({
  note: z.string().trim().min(1, "a note is required").max(MAX_NOTE_LENGTH),
});
