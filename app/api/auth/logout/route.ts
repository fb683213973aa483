import { logout } from "@/lib/auth/logout";
import { SESSION_COOKIE } from "@/lib/auth/session-policy";
import { isHttps, serializeSessionCookie } from "@/lib/http/cookies";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";

export const POST = defineRoute({
  access: "viewer",
  handler: async ({ request, principal, ip, requestId }) => {
    await logout({ principal, ip, requestId });
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

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
