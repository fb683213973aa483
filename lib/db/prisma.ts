import { PrismaPg } from "@prisma/adapter-pg";
import { requireDatabaseUrl } from "../env";
import { PrismaClient } from "./generated/prisma/client";

export type { Prisma } from "./generated/prisma/client";

const holder = globalThis as unknown as { __tallyPrisma?: PrismaClient };

/** One Prisma client per process (Next.js dev reloads modules, so it lives on globalThis). */
export function prisma(): PrismaClient {
  holder.__tallyPrisma ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: requireDatabaseUrl(), max: 20 }),
  });
  return holder.__tallyPrisma;
}

export async function disconnectPrisma(): Promise<void> {
  await holder.__tallyPrisma?.$disconnect();
  holder.__tallyPrisma = undefined;
}
