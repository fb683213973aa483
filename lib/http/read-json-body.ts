import { DomainError } from "../errors/domain-error";

export const MAX_BODY_BYTES = 64 * 1024;

const tooLarge = () =>
  new DomainError({
    kind: "payload_too_large",
    code: "payload_too_large",
    detail: `Request bodies are limited to ${MAX_BODY_BYTES} bytes`,
  });

/** Reads a JSON body without ever buffering more than the limit; undefined when there is no body. */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge();
  if (!request.body) return undefined;

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (size === 0) return undefined;

  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new DomainError({
      kind: "unsupported_media_type",
      code: "unsupported_media_type",
      detail: "Request bodies must be JSON (Content-Type: application/json)",
    });
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError({
      kind: "bad_request",
      code: "malformed_json",
      detail: "The request body is not valid JSON",
    });
  }
}
