import pg from "pg";

/** The least-privilege role the embedded database's app connects as (migrations run as the owner). */
export const EMBEDDED_APP_ROLE = "tally_app";
// Local-only cluster bound to 127.0.0.1, like the owner's password in embedded-postgres.ts.
const EMBEDDED_APP_PASSWORD = "tally-app-local";

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function asOwner(ownerUrl: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the embedded app role when missing; returns the URL the app connects with. */
export async function ensureEmbeddedAppRole(ownerUrl: string): Promise<string> {
  await asOwner(ownerUrl, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [EMBEDDED_APP_ROLE]);
    if (rowCount === 0) {
      await client.query(
        `CREATE ROLE ${quoteIdent(EMBEDDED_APP_ROLE)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '${EMBEDDED_APP_PASSWORD}'`,
      );
    }
  });
  const url = new URL(ownerUrl);
  url.username = EMBEDDED_APP_ROLE;
  url.password = EMBEDDED_APP_PASSWORD;
  return url.toString();
}

/**
 * Run as the owner after migrations: the app's role may read and write rows of every table in the
 * schema (also of tables later migrations add, through default privileges), never own, alter or
 * truncate them, may only read the migration history and only read and append to the audit trail. Generic on purpose: migrations
 * add tables without touching this.
 */
export async function grantAppAccess(ownerUrl: string, appRole: string): Promise<void> {
  const role = quoteIdent(appRole);
  await asOwner(ownerUrl, async (client) => {
    const { rows } = await client.query<{ db: string; owner: string }>(
      "SELECT current_database() AS db, current_user AS owner",
    );
    const { db, owner } = rows[0] as { db: string; owner: string };
    if (owner === appRole) return;
    await client.query("BEGIN");
    await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${quoteIdent(db)} TO ${role}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
    await client.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    await client.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(owner)} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
    );
    await client.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(owner)} IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${role}`,
    );
    // Readable for the readiness check (are migrations applied?), never writable.
    await client.query(`REVOKE ALL ON "_prisma_migrations" FROM ${role}`);
    await client.query(`GRANT SELECT ON "_prisma_migrations" TO ${role}`);
    await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "AuditLog" FROM ${role}`);
    await client.query("COMMIT");
  });
}
