import { z } from "zod";
import { login } from "@/lib/auth/login";
import { SESSION_COOKIE } from "@/lib/auth/session-policy";
import { isHttps, serializeSessionCookie } from "@/lib/http/cookies";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";

const body = z.object({
  username: z.string().trim().min(1, "required").max(64),
  password: z.string().min(1, "required").max(1024),
});

export const POST = defineRoute({
  access: "public",
  body,
  handler: async ({ request, body, ip, requestId }) => {
    const result = await login({
      username: body.username,
      password: body.password,
      ip,
      userAgent: request.headers.get("user-agent") ?? undefined,
      requestId,
    });
    const maxAgeSeconds = Math.floor((result.expiresAt.getTime() - Date.now()) / 1000);
    return {
      body: { user: result.user, expiresAt: result.expiresAt.toISOString() },
      headers: {
        "set-cookie": serializeSessionCookie(SESSION_COOKIE, {
          value: result.sessionToken,
          maxAgeSeconds,
          secure: isHttps(request),
        }),
      },
    };
  },
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
