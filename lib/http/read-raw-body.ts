import { DomainError } from "../errors/domain-error";

/** The body's bytes, refused (payload_too_large) as soon as they pass `limit`, without buffering more. */
export async function readRawBody(request: Request, limit: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new DomainError({
      kind: "payload_too_large",
      code: "payload_too_large",
      detail: `Request bodies are limited to ${limit} bytes`,
    });
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge();
  if (!request.body) return new Uint8Array();
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
  return Buffer.concat(chunks);
}
