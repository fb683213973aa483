import { z } from "zod";

/** A query parameter holding a comma list of known values ("open,acknowledged"); absent or empty: no filter. */
export function commaListOf<const T extends readonly [string, ...string[]]>(field: string, values: T) {
  return z
    .string()
    .optional()
    .transform((value) =>
      value
        ? value
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined,
    )
    .pipe(
      z.array(z.enum(values, { error: `${field} must be a comma list of ${values.join(", ")}` })).optional(),
    );
}
