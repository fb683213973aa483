import { DomainError } from "../errors/domain-error";
import { findDuplicateJsonKey } from "./find-duplicate-json-key";
import { readRawBody } from "./read-raw-body";

export const MAX_BODY_BYTES = 64 * 1024;

const malformed = (detail: string, extra?: Record<string, unknown>) =>
  new DomainError({ kind: "bad_request", code: "malformed_json", detail, extra });

/**
 * Reads a JSON body without ever buffering more than the limit; undefined when there is no body.
 * Bytes that are not UTF-8 and repeated keys are refused rather than guessed at.
 */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const bytes = await readRawBody(request, limit);
  if (bytes.byteLength === 0) return undefined;

  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new DomainError({
      kind: "unsupported_media_type",
      code: "unsupported_media_type",
      detail: "Request bodies must be JSON (Content-Type: application/json)",
    });
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw malformed("The request body is not valid UTF-8");
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw malformed("The request body is not valid JSON");
  }
  const duplicate = findDuplicateJsonKey(text);
  if (duplicate) {
    throw malformed(`duplicate key ${JSON.stringify(duplicate.key)} in the request body`, {
      pointer: duplicate.pointer,
    });
  }
  return body;
}
