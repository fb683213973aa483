import { prisma } from "../../db/prisma";
import { DomainError } from "../../errors/domain-error";
import { type RunView, toRunView } from "./run-view";

/** One reconciliation run; not_found run_not_found. */
export async function getRunOrThrow(options: { id: string }): Promise<RunView> {
  const run = await prisma().reconciliationRun.findUnique({ where: { id: options.id } });
  if (!run)
    throw new DomainError({ kind: "not_found", code: "run_not_found", detail: "No run with this id" });
  return toRunView(run);
}
