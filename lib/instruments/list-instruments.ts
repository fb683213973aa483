import { prisma } from "../db/prisma";
import { type InstrumentView, toInstrumentView } from "./instrument-view";

/** Active instruments, by symbol. */
export async function listInstruments(): Promise<InstrumentView[]> {
  const rows = await prisma().instrument.findMany({ where: { active: true }, orderBy: { symbol: "asc" } });
  return rows.map(toInstrumentView);
}
