/** A Binance-style error: `{ "code": -1022, "msg": "..." }` answered with `httpStatus`. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly msg: string,
    readonly httpStatus = 400,
  ) {
    super(msg);
    this.name = "ApiError";
  }

  toBody(): { code: number; msg: string } {
    return { code: this.code, msg: this.msg };
  }
}

export const Errors = {
  insufficientBalance: () => new ApiError(-2010, "Account has insufficient balance for requested action."),
  duplicateOrder: () => new ApiError(-2010, "Duplicate order sent."),
  wouldTake: () => new ApiError(-2010, "Order would immediately match and take."),
  unknownOrderCancel: () => new ApiError(-2011, "Unknown order sent."),
  orderDoesNotExist: () => new ApiError(-2013, "Order does not exist."),
  invalidSymbol: () => new ApiError(-1121, "Invalid symbol."),
  filterFailure: (filter: string) => new ApiError(-1013, `Filter failure: ${filter}`),
  mandatory: (name: string) =>
    new ApiError(-1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`),
  badPrecision: (name: string) => new ApiError(-1111, `Parameter '${name}' has too much precision.`),
  invalidSide: () => new ApiError(-1117, "Invalid side."),
  invalidType: () => new ApiError(-1116, "Invalid orderType."),
  invalidTif: () => new ApiError(-1115, "Invalid timeInForce."),
  invalidParam: (msg: string) => new ApiError(-1100, msg),
  apiKeyFormat: () => new ApiError(-2014, "API-key format invalid.", 401),
  invalidApiKey: () => new ApiError(-2015, "Invalid API-key, IP, or permissions for action.", 401),
  badSignature: () => new ApiError(-1022, "Signature for this request is not valid."),
  timestampAhead: () =>
    new ApiError(-1021, "Timestamp for this request was 1000ms ahead of the server's time."),
  timestampOutside: () => new ApiError(-1021, "Timestamp for this request is outside of the recvWindow."),
  outsideMatchingEngineWindow: () =>
    new ApiError(-5028, "Timestamp for this request is outside of the ME recvWindow."),
  recvWindowTooLarge: () => new ApiError(-1131, "recvWindow must be less than 60000"),
} as const;
