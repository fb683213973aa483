import http from "node:http";
import { expect, test } from "@playwright/test";

/** A raw request (fetch refuses TRACE), as a client or a scanner would send it. */
function send(baseURL: string, method: string, path: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const url = new URL(path, baseURL);
      const request = http.request(url, { method }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      });
      request.on("error", reject);
      request.end();
    },
  );
}

for (const [method, path, allow] of [
  ["TRACE", "/api/orders", "GET, HEAD, POST, OPTIONS"],
  ["PUT", "/api/orders", "GET, HEAD, POST, OPTIONS"],
  ["GET", "/api/auth/login", "POST, OPTIONS"],
  ["POST", "/api/me", "GET, HEAD, OPTIONS"],
] as const) {
  test(`${method} ${path}: 405 problem+json with Allow and a request id`, async ({ baseURL }) => {
    const response = await send(baseURL as string, method, path);
    expect(response.status).toBe(405);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(response.headers.allow).toBe(allow);
    const body = JSON.parse(response.body);
    expect(body).toMatchObject({ status: 405, title: "Method Not Allowed", code: "method_not_allowed" });
    expect(body.requestId).toBe(response.headers["x-request-id"]);
  });
}
