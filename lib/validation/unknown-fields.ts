/** Whether `short` could be an abbreviation of `long` ("qty" -> "quantity", "tif" -> "timeInForce"). */
function abbreviates(short: string, long: string): boolean {
  const a = short.toLowerCase();
  const b = long.toLowerCase();
  if (a.length < 2 || a[0] !== b[0]) return false;
  let at = 0;
  for (const char of b) if (char === a[at]) at += 1;
  return at === a.length;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/** The known name an unknown one most likely meant (a typo or an abbreviation), or null. */
export function closestName(unknown: string, known: readonly string[]): string | null {
  const typo = known
    .map((name) => ({ name, distance: editDistance(unknown.toLowerCase(), name.toLowerCase()) }))
    .filter(({ distance }) => distance <= 2)
    .sort((a, b) => a.distance - b.distance)[0];
  if (typo) return typo.name;
  return known.find((name) => abbreviates(unknown, name)) ?? null;
}

/**
 * A zod error option for strict objects: an unknown field is named, with the field it probably
 * meant ("unknown field "qty" (did you mean "quantity"?)").
 */
export function unknownFieldsError(known: readonly string[]) {
  return (issue: { code?: string; keys?: string[] }) => {
    if (issue.code !== "unrecognized_keys" || !issue.keys) return undefined;
    return issue.keys
      .map((key) => {
        const meant = closestName(key, known);
        return `unknown field "${key}"${meant ? ` (did you mean "${meant}"?)` : ""}`;
      })
      .join("; ");
  };
}
