import type { z } from "zod";
import { DomainError } from "../errors/domain-error";

export type FieldError = { field: string; message: string };

/** Turns zod issues into a 400 `validation_failed` with one entry per offending field. */
export function validationError(where: "body" | "query" | "params", error: z.ZodError): DomainError {
  const errors: FieldError[] = error.issues.flatMap((issue) =>
    // An unknown field is reported at its own name, not at the object holding it.
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({
          field: [...issue.path.map(String), key].join("."),
          message: issue.keys.length === 1 ? issue.message : `unknown field "${key}"`,
        }))
      : [{ field: issue.path.length > 0 ? issue.path.map(String).join(".") : where, message: issue.message }],
  );
  return new DomainError({
    kind: "bad_request",
    code: "validation_failed",
    detail: `The request ${where} is invalid: ${errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`,
    extra: { errors },
  });
}
