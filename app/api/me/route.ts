import { defineRoute } from "@/lib/http/define-route";

export const GET = defineRoute({
  access: "viewer",
  handler: async ({ principal }) => ({
    body: { kind: principal.kind, id: principal.id, name: principal.name, role: principal.role },
  }),
});
