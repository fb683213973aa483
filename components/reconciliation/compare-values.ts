export interface CompareRow {
  field: string;
  expected: string;
  actual: string;
  differs: boolean;
}

const ABSENT = "—";

function flatten(value: unknown, prefix: string, into: Map<string, string>): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) into.set(prefix, "{}");
    for (const [key, inner] of entries) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
    return;
  }
  into.set(
    prefix || "value",
    value === null || value === undefined
      ? "none"
      : String(typeof value === "object" ? JSON.stringify(value) : value),
  );
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A decimal string without trailing fraction zeros: "0.50" and "0.5" are the same figure. */
const canonical = (text: string) =>
  DECIMAL.test(text) && text.includes(".") ? text.replace(/\.?0+$/, "") : text;

const same = (a: string, b: string) => canonical(a) === canonical(b);

/**
 * Our side and the venue's, field by field (nested objects by dotted path), in the order the fields
 * first appear; a field one side lacks shows as "—" and differs. A side that is only "none" (the
 * venue has no such order, we have no such fill) keeps its one row.
 */
export function compareValues(expected: unknown, actual: unknown): CompareRow[] {
  const ours = new Map<string, string>();
  const theirs = new Map<string, string>();
  flatten(expected, "", ours);
  flatten(actual, "", theirs);
  const fields = [...new Set([...ours.keys(), ...theirs.keys()])];
  return fields.map((field) => {
    const e = ours.get(field) ?? ABSENT;
    const a = theirs.get(field) ?? ABSENT;
    return { field, expected: e, actual: a, differs: !same(e, a) };
  });
}
