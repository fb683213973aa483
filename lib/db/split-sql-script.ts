const DOLLAR_TAG = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/;

/**
 * Splits a migration script into statements at the semicolons outside quotes, comments and
 * dollar-quoted bodies. The CLI's driver adapter splits at every semicolon, which would cut a
 * PL/pgSQL function (a trigger) apart.
 */
export function splitSqlScript(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const skipTo = (end: string, from: number) => {
    const at = script.indexOf(end, from);
    return at === -1 ? script.length : at + end.length;
  };
  while (i < script.length) {
    const rest = script.slice(i, i + 2);
    const char = script[i] as string;
    if (rest === "--") i = skipTo("\n", i + 2);
    else if (rest === "/*") i = skipTo("*/", i + 2);
    else if (char === "'" || char === '"') {
      // A doubled quote inside is an escaped quote: skipping to the next quote handles it as two strings.
      i = skipTo(char, i + 1);
    } else if (char === "$" && DOLLAR_TAG.test(script.slice(i))) {
      const tag = (DOLLAR_TAG.exec(script.slice(i)) as RegExpExecArray)[0];
      i = skipTo(tag, i + tag.length);
    } else if (char === ";") {
      statements.push(script.slice(start, i));
      start = ++i;
    } else i++;
  }
  statements.push(script.slice(start));
  return statements
    .map((statement) => statement.trim())
    .filter((statement) => statement.replace(/^--.*$/gm, "").trim() !== "");
}
