import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { NextRouteHandler } from "@/lib/http/define-route";
import { callRoute } from "@/test/http-client";

// Every API route answers a method it does not define with problem+json 405, Allow and a request id,
// never with Next.js's empty 405; OPTIONS lists the same Allow.

const apiDir = path.resolve(import.meta.dirname);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Handler = NextRouteHandler & { refusesMethod?: boolean };

const routeFiles = readdirSync(apiDir, { recursive: true, encoding: "utf8" }).filter(
  (file) => file.endsWith("route.ts") && !file.includes("[...path]"),
);

describe("wrong methods", () => {
  for (const file of routeFiles) {
    const route = `/api/${path.dirname(file)}`.replace(/\/\.$/, "");
    it(`${route}: 405 problem+json with Allow for every method it does not define; OPTIONS says the same`, async () => {
      const module = (await import(path.join(apiDir, file))) as Record<string, Handler>;
      const defined = METHODS.filter((method) => module[method] && !module[method]?.refusesMethod);
      const allow = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].filter(
        (method) =>
          method === "OPTIONS" ||
          defined.includes(method as (typeof METHODS)[number]) ||
          (method === "HEAD" && defined.includes("GET")),
      );
      expect(defined.length).toBeGreaterThan(0);
      for (const method of METHODS.filter((m) => !defined.includes(m))) {
        const handler = module[method];
        expect(handler, `${method} ${route} is exported`).toBeTypeOf("function");
        const response = await callRoute(handler as Handler, {
          method,
          path: route.replace(/\[[^\]]+\]/g, "x"),
        });
        expect(response.status).toBe(405);
        expect(response.headers.get("content-type")).toBe("application/problem+json");
        expect(response.headers.get("allow")).toBe(allow.join(", "));
        expect(response.json).toMatchObject({
          status: 405,
          code: "method_not_allowed",
          title: "Method Not Allowed",
        });
        expect(response.json.requestId).toEqual(expect.any(String));
      }
      const options = await callRoute(module.OPTIONS as Handler, { method: "OPTIONS", path: route });
      expect(options.status).toBe(204);
      expect(options.headers.get("allow")).toBe(allow.join(", "));
    });
  }
});
