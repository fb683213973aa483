import Decimal from "decimal.js";

/**
 * decimal.js rounds results to `precision` significant digits (default 20), which could round a
 * large cumulative size; sums of venue quantities need far fewer than 1000 digits, so this is exact.
 */
export const ExactDecimal = Decimal.clone({ precision: 1000 });
