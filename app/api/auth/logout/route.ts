import { logout } from "@/lib/auth/logout";
import { SESSION_COOKIE } from "@/lib/auth/session-policy";
import { isHttps, readCookie, serializeSessionCookie } from "@/lib/http/cookies";
import { defineRoute } from "@/lib/http/define-route";

// Public so that a stale or expired cookie can always be cleared; a live session is revoked.
export const POST = defineRoute({
  access: "public",
  handler: async ({ request, ip, requestId }) => {
    const sessionToken = readCookie(request, SESSION_COOKIE);
    if (sessionToken) await logout({ sessionToken, ip, requestId });
    return new Response(null, {
      status: 204,
      headers: {
        "set-cookie": serializeSessionCookie(SESSION_COOKIE, {
          value: "",
          maxAgeSeconds: 0,
          secure: isHttps(request),
        }),
      },
    });
  },
});
