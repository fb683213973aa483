import { prisma } from "../lib/db/prisma";

/** Empties every application table (not the migration history) so each test file starts clean. */
export async function resetDatabase(): Promise<void> {
  const tables = await prisma().$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  const list = tables.map((t) => `"${t.tablename}"`).join(", ");
  await prisma().$executeRawUnsafe(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
}
