import { randomBytes } from "node:crypto";

type Headers = Record<string, string>;
type SecurityHeaders = Headers & { "content-security-policy": string };

/** 128 random bits, fresh for every page: a nonce an attacker could predict allows their script. */
export function newCspNonce(): string {
  return randomBytes(16).toString("base64");
}

const hsts = (https: boolean): Headers =>
  https ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {};

const common = (https: boolean): Headers => ({
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  ...hsts(https),
});

/**
 * Headers for pages (and the assets served beside them). Next.js reads the nonce back from the
 * request's Content-Security-Policy header and puts it on its own scripts and styles.
 * `style-src-attr 'unsafe-inline'`: server-rendered markup of React `style` props (Recharts sizes
 * its charts that way) arrives as style attributes, which cannot carry a nonce.
 * Development adds 'unsafe-eval', which React's dev build needs for its error overlays.
 */
export function pageSecurityHeaders(options: {
  nonce: string;
  https: boolean;
  dev?: boolean;
}): SecurityHeaders {
  const { nonce, https, dev = false } = options;
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return { "content-security-policy": policy.join("; "), ...common(https) };
}

/** Headers for API answers: JSON and event streams are never documents to run or frame. */
export function apiSecurityHeaders(options: { https: boolean }): SecurityHeaders {
  return {
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    ...common(options.https),
  };
}
