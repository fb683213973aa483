import { DomainError } from "../../errors/domain-error";

/** An opaque keyset cursor: the sort key of the last row of a page. */
export const encodeCursor = (key: Array<string | number>): string =>
  Buffer.from(JSON.stringify(key)).toString("base64url");

/** The key of a cursor, checked by `accept`; a 400 validation_failed on `cursor` otherwise. */
export function decodeCursor<T>(cursor: string, accept: (key: unknown) => T | undefined): T {
  let key: T | undefined;
  try {
    key = accept(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    key = undefined;
  }
  if (key === undefined)
    throw new DomainError({
      kind: "bad_request",
      code: "validation_failed",
      detail: "The request query is invalid: cursor: not a cursor from this API",
      extra: { errors: [{ field: "cursor", message: "not a cursor from this API" }] },
    });
  return key;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A time and a row id from a cursor, or undefined when they are not. */
export function timeAndId(at: unknown, id: unknown): { at: Date; id: string } | undefined {
  if (typeof at !== "string" || typeof id !== "string" || !UUID.test(id)) return undefined;
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? undefined : { at: date, id };
}
