import { appVenue } from "../venue/app-venue";
import { type BookHub, createBookHub } from "./book-hub";
import { readOrderbookStreamConfig } from "./orderbook-stream-config";

const holder = globalThis as unknown as { __tallyBookHub?: BookHub };

/** The process-wide order book hub on the app venue, created on first use. */
export function appBookHub(): BookHub {
  holder.__tallyBookHub ??= createBookHub({
    venue: appVenue(),
    config: readOrderbookStreamConfig(process.env),
  });
  return holder.__tallyBookHub;
}

/** The hub if something has used it, without creating one (readiness, shutdown). */
export function existingAppBookHub(): BookHub | undefined {
  return holder.__tallyBookHub;
}
