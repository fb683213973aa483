/**
 * `<input type="datetime-local">` speaks the browser's local time without a zone; the URL and the API
 * speak ISO 8601 instants. These convert between the two in the local time zone of the runtime.
 */

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** "2024-05-01T09:30" (seconds and milliseconds only when set) for an ISO instant; "" if unparsable. */
export function isoToLocalInput(iso: string): string {
  if (iso === "") return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const day = `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  let time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  if (date.getSeconds() !== 0 || date.getMilliseconds() !== 0) time += `:${pad(date.getSeconds())}`;
  if (date.getMilliseconds() !== 0) time += `.${pad(date.getMilliseconds(), 3)}`;
  return `${day}T${time}`;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** The ISO instant (UTC, `Z`) of a datetime-local value read as local time; "" if empty or invalid. */
export function localInputToIso(local: string): string {
  const match = LOCAL_INPUT.exec(local);
  if (!match) return "";
  const [year, month, day, hours, minutes, seconds] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const millis = Number((match[7] ?? "").padEnd(3, "0"));
  // Not new Date(year, …): it reads years 0 to 99 as 1900 to 1999, and a year being typed passes there.
  const date = new Date(0);
  date.setFullYear(year!, month! - 1, day!);
  date.setHours(hours!, minutes!, seconds!, millis);
  // new Date rolls 2024-02-30 over into March: such a value was not a real date.
  if (date.getFullYear() !== year || date.getMonth() !== month! - 1 || date.getDate() !== day) return "";
  return date.toISOString();
}
