import { createHmac, timingSafeEqual } from "node:crypto";
import { Errors } from "../errors.js";

export const MAX_RECV_WINDOW = 60_000;
export const DEFAULT_RECV_WINDOW = 5_000;
/** Binance accepts timestamps at most this far ahead of its clock. */
export const MAX_AHEAD_MS = 1_000;

export function hmacSha256Hex(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(payload).digest("hex");
}

export function signatureMatches(payload: string, signature: string, secret: string): boolean {
  const expected = Buffer.from(hmacSha256Hex(payload, secret), "utf8");
  const given = Buffer.from(signature.toLowerCase(), "utf8");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Removes `signature=...` from a raw urlencoded string, keeping every other byte as sent. */
export function stripSignature(raw: string): { rest: string; signature: string | undefined } {
  let signature: string | undefined;
  const kept: string[] = [];
  for (const part of raw.split("&")) {
    if (part.startsWith("signature=")) signature = decodeURIComponent(part.slice("signature=".length));
    else if (part !== "") kept.push(part);
  }
  return { rest: kept.join("&"), signature };
}

/**
 * Binance's signed payload is the query string followed by the body (no separator), each
 * exactly as sent, without the signature parameter.
 */
export function signedPayload(
  rawQuery: string,
  rawBody: string,
): { payload: string; signature: string | undefined } {
  const q = stripSignature(rawQuery);
  const b = stripSignature(rawBody);
  return { payload: q.rest + b.rest, signature: q.signature ?? b.signature };
}

/**
 * The matching engine's own check when it takes a request up (Binance -5028): a request that waited
 * longer than its recvWindow is refused instead of executed. Call after checkTimestamp.
 */
export function checkMatchingEngineWindow(
  timestampText: string | undefined,
  recvWindowText: string | undefined,
  serverNow: number,
): void {
  const recvWindow = recvWindowText === undefined ? DEFAULT_RECV_WINDOW : Number(recvWindowText);
  if (serverNow - Number(timestampText) > recvWindow) throw Errors.outsideMatchingEngineWindow();
}

/** Throws -1021/-1131/-1102 when timestamp/recvWindow are missing or out of range. */
export function checkTimestamp(
  timestampText: string | undefined,
  recvWindowText: string | undefined,
  serverNow: number,
): void {
  if (timestampText === undefined || !/^\d+$/.test(timestampText)) throw Errors.mandatory("timestamp");
  let recvWindow = DEFAULT_RECV_WINDOW;
  if (recvWindowText !== undefined) {
    if (!/^\d+$/.test(recvWindowText)) throw Errors.mandatory("recvWindow");
    recvWindow = Number(recvWindowText);
    if (recvWindow > MAX_RECV_WINDOW) throw Errors.recvWindowTooLarge();
  }
  const timestamp = Number(timestampText);
  if (timestamp > serverNow + MAX_AHEAD_MS) throw Errors.timestampAhead();
  if (serverNow - timestamp > recvWindow) throw Errors.timestampOutside();
}
