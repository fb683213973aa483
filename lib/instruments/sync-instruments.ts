import { prisma } from "../db/prisma";
import { logger } from "../observability/logger";
import type { VenuePort } from "../venue/port/venue-port";

/**
 * Copies the venue's markets into the Instrument table (upsert; markets the venue no longer lists
 * are marked inactive, never deleted: orders refer to them). Returns the number of active instruments.
 */
export async function syncInstruments(options: { venue: VenuePort; reload?: boolean }): Promise<number> {
  const { venue } = options;
  const instruments = await venue.loadInstruments({ reload: options.reload ?? false });
  const db = prisma();
  await db.$transaction(
    async (tx) => {
      for (const instrument of instruments) {
        const data = {
          base: instrument.base,
          quote: instrument.quote,
          tickSize: instrument.tickSize,
          lotSize: instrument.lotSize,
          minNotional: instrument.minNotional,
          active: instrument.active,
        };
        await tx.instrument.upsert({
          where: { symbol: instrument.symbol },
          create: { symbol: instrument.symbol, ...data },
          update: data,
        });
      }
      await tx.instrument.updateMany({
        where: { symbol: { notIn: instruments.map((instrument) => instrument.symbol) } },
        data: { active: false },
      });
    },
    { timeout: 60_000, maxWait: 15_000 },
  );
  const active = instruments.filter((instrument) => instrument.active).length;
  logger.info({ instruments: active }, "instruments synced from the venue");
  return active;
}
