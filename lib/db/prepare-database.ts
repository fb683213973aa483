import { ensureEmbeddedAppRole, grantAppAccess } from "./app-database-role";
import { applyMigrations } from "./run-prisma-cli";

type Options = {
  /** Connects as the schema's owner: migrations and grants run with it. */
  ownerUrl: string;
  /** The app's own (least-privilege) URL; absent for the embedded database, whose app role is created here. */
  appUrl?: string;
};

/** Applies migrations as the owner and grants the app's role its rights; returns the URL the app uses. */
export async function prepareDatabase({ ownerUrl, appUrl }: Options): Promise<string> {
  await applyMigrations(ownerUrl);
  const url = appUrl ?? (await ensureEmbeddedAppRole(ownerUrl));
  const appRole = decodeURIComponent(new URL(url).username);
  if (appRole && url !== ownerUrl) await grantAppAccess(ownerUrl, appRole);
  return url;
}
