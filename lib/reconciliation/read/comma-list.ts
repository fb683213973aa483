import { z } from "zod";

/**
 * A query parameter holding a comma list of known values ("open,acknowledged"); absent or empty: no
 * filter. An unknown value is reported at the parameter itself, naming the value.
 */
export function commaListOf<const T extends readonly [string, ...string[]]>(field: string, values: T) {
  const known = new Set<string>(values);
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const list = value
        ?.split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      for (const item of list ?? []) {
        if (!known.has(item))
          ctx.addIssue({
            code: "custom",
            message: `unknown ${field} "${item.slice(0, 40)}": use a comma list of ${values.join(", ")}`,
          });
      }
      return list?.length ? (list as T[number][]) : undefined;
    });
}
