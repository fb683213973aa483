import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { splitSqlScript } from "./lib/db/split-sql-script";

// The JS schema engine (engine: "js" + a driver adapter) keeps the CLI offline: see ../shared/TOOLCHAIN.md.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL must be set for Prisma CLI commands");
    const factory = new PrismaPg({ connectionString });
    // The adapter runs a migration script split at every semicolon, even inside a function body.
    const connect = factory.connect.bind(factory);
    factory.connect = async () => {
      const adapter = await connect();
      adapter.executeScript = async (script: string) => {
        for (const statement of splitSqlScript(script)) {
          await adapter.executeRaw({ sql: statement, args: [], argTypes: [] });
        }
      };
      return adapter;
    };
    return factory;
  },
});
