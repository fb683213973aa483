import { VenueValidationError } from "../port/venue-errors";
import type { Instrument } from "../port/venue-types";

/** The venue's instruments, loaded once and shared by every caller; a failed load is forgotten so the next call retries. */
export class InstrumentCache {
  private loading: Promise<Instrument[]> | null = null;

  constructor(private readonly load: (reload: boolean) => Promise<Instrument[]>) {}

  all(options: { reload?: boolean } = {}): Promise<Instrument[]> {
    if (!this.loading || options.reload) {
      const loading = this.load(options.reload ?? false);
      this.loading = loading;
      loading.catch(() => {
        if (this.loading === loading) this.loading = null;
      });
    }
    return this.loading;
  }

  /** Throws VenueValidationError for a symbol the venue does not list. */
  async find(symbol: string): Promise<Instrument> {
    const instrument = (await this.all()).find((candidate) => candidate.symbol === symbol);
    if (!instrument) throw new VenueValidationError(`unknown symbol ${symbol}`);
    return instrument;
  }
}
