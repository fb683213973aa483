import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { createUser, listUsers } from "@/lib/auth/users";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";

export const GET = defineRoute({
  access: "risk",
  handler: async () => ({ body: { users: await listUsers() } }),
});

const body = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, "2-64 characters: lowercase letters, digits, '.', '_' or '-'"),
  password: z.string().min(12, "must be at least 12 characters").max(1024),
  role: z.enum(ROLES),
});

export const POST = defineRoute({
  access: "risk",
  body,
  handler: async ({ body, principal, ip, requestId }) => ({
    status: 201,
    body: { user: await createUser({ ...body, actor: principal, ip, requestId }) },
  }),
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
