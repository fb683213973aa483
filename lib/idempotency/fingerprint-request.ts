import { createHash } from "node:crypto";
import { canonicalizeJson } from "./canonicalize-json";

export interface FingerprintRequestOptions {
  method: string;
  /** The route path as requested, e.g. /api/orders/<id>/cancel. */
  path: string;
  /** The parsed JSON body as received; undefined when there is none. */
  body: unknown;
}

/** SHA-256 (hex) over method, path and the canonical JSON body: what "the same request" means. */
export function fingerprintRequest(options: FingerprintRequestOptions): string {
  const material = `${options.method.toUpperCase()}\n${options.path}\n${canonicalizeJson(options.body)}`;
  return createHash("sha256").update(material).digest("hex");
}
