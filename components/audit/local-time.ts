const pad = (n: number) => String(n).padStart(2, "0");

/** Sortable and compact, in the browser's time zone: 2026-12-01 12:31:56. */
export function localTime(iso: string): string {
  const at = new Date(iso);
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  return `${date} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}
