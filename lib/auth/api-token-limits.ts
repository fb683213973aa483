/** The longest lifetime a token may be given at creation. */
export const MAX_TOKEN_LIFETIME_DAYS = 365;
/** How many address ranges one token may list. */
export const MAX_TOKEN_CIDRS = 20;
