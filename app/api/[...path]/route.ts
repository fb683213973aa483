import { DomainError } from "@/lib/errors/domain-error";
import { defineRoute } from "@/lib/http/define-route";

const notFound = defineRoute({
  access: "public",
  handler: async ({ request }) => {
    throw new DomainError({
      kind: "not_found",
      code: "route_not_found",
      detail: `No API route ${request.method} ${new URL(request.url).pathname}`,
    });
  },
});

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
