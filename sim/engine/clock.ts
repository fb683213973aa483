/** The venue's clock: wall time plus an injectable skew (the `clockSkewMs` fault). */
export class VenueClock {
  skewMs = 0;

  now(): number {
    return Date.now() + this.skewMs;
  }
}
