import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The JS schema engine (engine: "js" + a driver adapter) keeps the CLI offline: see ../shared/TOOLCHAIN.md.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL must be set for Prisma CLI commands");
    return new PrismaPg({ connectionString });
  },
});
