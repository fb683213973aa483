// Runs the Prisma CLI with DATABASE_URL always set: the config file disables .env loading, and a CLI
// that cannot read the schema falls back to downloading engines (see ../shared/TOOLCHAIN.md).
// `generate` never connects, so a placeholder URL is enough for it.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.DATABASE_URL ??= "postgresql://placeholder@127.0.0.1:5432/placeholder";

const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(result.status ?? 1);
