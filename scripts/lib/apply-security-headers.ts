import type http from "node:http";
import { apiSecurityHeaders, newCspNonce, pageSecurityHeaders } from "../../lib/http/security-headers";

/**
 * Sets the security headers on the response before Next.js handles the request. For pages it also
 * overwrites the request's Content-Security-Policy header, where Next.js reads the nonce for its
 * scripts: a client never chooses its own nonce. HTTPS is judged as for Secure cookies
 * (lib/http/cookies.ts): X-Forwarded-Proto survives only behind a trusted proxy.
 */
export function applySecurityHeaders(req: http.IncomingMessage, res: http.ServerResponse, dev: boolean) {
  const https = req.headers["x-forwarded-proto"] === "https";
  let headers: Record<string, string>;
  if ((req.url ?? "").startsWith("/api/")) {
    delete req.headers["content-security-policy"];
    headers = apiSecurityHeaders({ https });
  } else {
    headers = pageSecurityHeaders({ nonce: newCspNonce(), https, dev });
    req.headers["content-security-policy"] = headers["content-security-policy"];
  }
  delete req.headers["content-security-policy-report-only"];
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}
