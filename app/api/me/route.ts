import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";

export const GET = defineRoute({
  access: "viewer",
  handler: async ({ principal }) => ({
    body: { kind: principal.kind, id: principal.id, name: principal.name, role: principal.role },
  }),
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
