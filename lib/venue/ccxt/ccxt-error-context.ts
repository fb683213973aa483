/** HTTP facts about a failed venue response that ccxt's exception message does not carry reliably. */
export interface VenueResponseContext {
  httpStatus?: number;
  headers?: Record<string, string>;
  venueCode?: number;
  venueMessage?: string;
}

const contexts = new WeakMap<object, VenueResponseContext>();

export function attachResponseContext(error: unknown, context: VenueResponseContext): void {
  if (typeof error !== "object" || error === null) return;
  const defined = Object.fromEntries(Object.entries(context).filter(([, value]) => value !== undefined));
  contexts.set(error, { ...contexts.get(error), ...defined });
}

export function readResponseContext(error: unknown): VenueResponseContext {
  if (typeof error !== "object" || error === null) return {};
  return contexts.get(error) ?? {};
}
