/** The first block of a UUID: enough to tell orders apart on one screen; the full id is a copy away. */
export const shortOrderId = (id: string): string => id.slice(0, 8);
