import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { runWithAuditRequestContext } from "../audit/audit-request-context";
import { authenticateRequest } from "../auth/authenticate-request";
import { type Principal, principalScope } from "../auth/principal";
import { hasRole, type Role } from "../auth/roles";
import { SESSION_COOKIE } from "../auth/session-policy";
import { env } from "../env";
import { DomainError } from "../errors/domain-error";
import { fingerprintRequest } from "../idempotency/fingerprint-request";
import type { KeyedRequest } from "../idempotency/idempotency-types";
import { parseIdempotencyKey } from "../idempotency/parse-idempotency-key";
import { logger } from "../observability/logger";
import { validationError } from "../validation/validation-error";
import { clientIp } from "./client-ip";
import { readCookie } from "./cookies";
import { assertSameOrigin, isStateChanging } from "./origin-check";
import { problemFromDomainError, problemResponse } from "./problem";
import { readJsonBody } from "./read-json-body";

export type Access = "public" | Role;

type RouteContext<TBody, TQuery, TParams, TAccess extends Access, TKeyed extends boolean> = {
  request: Request;
  requestId: string;
  ip: string;
  principal: TAccess extends "public" ? undefined : Principal;
  body: TBody;
  /** The JSON body as received (before zod), for request fingerprints. */
  rawBody: unknown;
  /**
   * When the route declares `idempotencyKey: true`: the request under its validated Idempotency-Key
   * (the caller's scope, method, path and fingerprint of the body), built once here for the verb.
   */
  keyedRequest: TKeyed extends true ? KeyedRequest : undefined;
  query: TQuery;
  params: TParams;
};

export type RouteResult = Response | { status?: number; body: unknown; headers?: Record<string, string> };

type RouteDefinition<
  TBody extends z.ZodType,
  TQuery extends z.ZodType,
  TParams extends z.ZodType,
  TAccess extends Access,
  TKeyed extends boolean,
> = {
  /** Least role allowed, or "public" for the few routes open to anyone (login, health, ready). */
  access: TAccess;
  body?: TBody;
  query?: TQuery;
  params?: TParams;
  /** Require a valid Idempotency-Key header (checked after auth, before params and body). */
  idempotencyKey?: TKeyed;
  handler: (
    context: RouteContext<z.output<TBody>, z.output<TQuery>, z.output<TParams>, TAccess, TKeyed>,
  ) => Promise<RouteResult>;
};

export type NextRouteHandler = ((
  request: Request,
  context: { params: Promise<unknown> },
) => Promise<Response>) & {
  access: Access;
};

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

function parseWith<T extends z.ZodType>(
  schema: T | undefined,
  value: unknown,
  where: "body" | "query" | "params",
) {
  if (!schema) return value;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(where, result.error);
  return result.data;
}

function toResponse(result: RouteResult): Response {
  if (result instanceof Response) return result;
  const status = result.status ?? 200;
  const body = status === 204 ? null : JSON.stringify(result.body);
  return new Response(body, {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...result.headers },
  });
}

/**
 * The one wrapper every API route goes through: request id, authentication and role, Origin check for
 * cookie-authenticated writes, zod parsing of params, query and body, and errors as problem+json.
 */
export function defineRoute<
  TAccess extends Access,
  TBody extends z.ZodType = z.ZodUndefined,
  TQuery extends z.ZodType = z.ZodRecord<z.ZodString, z.ZodString>,
  TParams extends z.ZodType = z.ZodRecord<z.ZodString, z.ZodString>,
  TKeyed extends boolean = false,
>(definition: RouteDefinition<TBody, TQuery, TParams, TAccess, TKeyed>): NextRouteHandler {
  const handler = async (request: Request, context: { params: Promise<unknown> }): Promise<Response> => {
    const incomingId = request.headers.get("x-request-id");
    const requestId = incomingId && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
    const ip = clientIp(request);
    const started = performance.now();
    const path = new URL(request.url).pathname;
    let response: Response;
    try {
      let principal: Principal | undefined;
      if (definition.access !== "public") {
        const auth = await authenticateRequest({
          authorization: request.headers.get("authorization"),
          sessionToken: readCookie(request, SESSION_COOKIE),
          ip,
          requestId,
          userAgent: request.headers.get("user-agent") ?? undefined,
        });
        principal = auth.principal;
        if (auth.via === "cookie" && isStateChanging(request.method)) {
          assertSameOrigin(request, { allowed: env().TALLY_ALLOWED_ORIGINS, requireOrigin: true });
        }
        if (!hasRole(principal.role, definition.access)) {
          throw new DomainError({
            kind: "forbidden",
            code: "insufficient_role",
            detail: `This needs the ${definition.access} role; you have ${principal.role}`,
          });
        }
      } else if (isStateChanging(request.method)) {
        assertSameOrigin(request, { allowed: env().TALLY_ALLOWED_ORIGINS, requireOrigin: false });
      }
      const idempotencyKey = definition.idempotencyKey
        ? parseIdempotencyKey({ header: request.headers.get("idempotency-key") })
        : "";
      const params = parseWith(definition.params, (await context?.params) ?? {}, "params");
      const query = parseWith(
        definition.query,
        Object.fromEntries(new URL(request.url).searchParams),
        "query",
      );
      const rawBody = definition.body ? await readJsonBody(request) : undefined;
      const body = parseWith(definition.body, rawBody, "body");
      const keyedRequest: KeyedRequest | undefined =
        definition.idempotencyKey && principal
          ? {
              scope: principalScope(principal),
              key: idempotencyKey,
              method: request.method,
              path,
              fingerprint: fingerprintRequest({ method: request.method, path, body: rawBody ?? null }),
            }
          : undefined;
      const userAgent = request.headers.get("user-agent") ?? undefined;
      const audit = { requestId, ip, userAgent, idempotencyKey: idempotencyKey || undefined };
      const result = await runWithAuditRequestContext(audit, () =>
        definition.handler({
          request,
          requestId,
          ip,
          principal: principal as RouteContext<unknown, unknown, unknown, TAccess, TKeyed>["principal"],
          body: body as z.output<TBody>,
          rawBody,
          keyedRequest: keyedRequest as RouteContext<
            unknown,
            unknown,
            unknown,
            TAccess,
            TKeyed
          >["keyedRequest"],
          query: query as z.output<TQuery>,
          params: params as z.output<TParams>,
        }),
      );
      response = toResponse(result);
    } catch (error) {
      if (error instanceof DomainError) {
        response = problemFromDomainError(error, requestId);
        logger.info({ requestId, method: request.method, path, code: error.code, ip }, "request refused");
      } else {
        logger.error({ requestId, method: request.method, path, err: error }, "unhandled error");
        response = problemResponse({
          status: 500,
          code: "internal_error",
          detail: "Something went wrong on our side. Quote the request id when you report it.",
          requestId,
        });
      }
    }
    response.headers.set("x-request-id", requestId);
    logger.debug(
      {
        requestId,
        method: request.method,
        path,
        status: response.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
    return response;
  };
  return Object.assign(handler, { access: definition.access });
}
