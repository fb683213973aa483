// `npm run user:create -- --username alice --role trader`: password from TALLY_USER_PASSWORD or a prompt.
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { openLocalDatabase } from "../lib/db/local-database";

const { values } = parseArgs({
  options: { username: { type: "string" }, role: { type: "string", default: "viewer" } },
});
const roles = ["viewer", "trader", "risk"] as const;
const role = roles.find((r) => r === values.role);
if (!values.username || !role) {
  console.error("usage: npm run user:create -- --username <name> [--role viewer|trader|risk]");
  process.exit(2);
}

async function readPassword(): Promise<string> {
  if (process.env.TALLY_USER_PASSWORD) return process.env.TALLY_USER_PASSWORD;
  if (!process.stdin.isTTY) {
    console.error("set TALLY_USER_PASSWORD, or run this in a terminal to be asked for the password");
    process.exit(2);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Mute the echo of what is typed after the prompt.
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  const question = rl.question(`password for ${values.username} (min 12 characters): `);
  output._writeToOutput = () => {};
  const password = await question;
  rl.close();
  process.stdout.write("\n");
  return password;
}

const password = await readPassword();
const db = await openLocalDatabase(path.resolve(process.env.TALLY_DATA_DIR ?? ".data"));
process.env.DATABASE_URL = db.url;
try {
  const { createUser } = await import("../lib/auth/users");
  const { DomainError } = await import("../lib/errors/domain-error");
  try {
    const user = await createUser({
      actor: { kind: "system", name: "cli" },
      username: values.username,
      password,
      role,
    });
    console.log(`created ${user.username} (${user.role})`);
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(error.detail);
      process.exitCode = 1;
    } else throw error;
  }
  const { disconnectPrisma } = await import("../lib/db/prisma");
  await disconnectPrisma();
} finally {
  await db.close();
}
