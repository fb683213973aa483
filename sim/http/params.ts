import { parseUnits } from "../engine/units.js";
import { ApiError, Errors } from "../errors.js";

export type Params = Readonly<Record<string, string>>;

export function required(params: Params, name: string): string {
  const v = params[name];
  if (v === undefined || v === "") throw Errors.mandatory(name);
  return v;
}

export function optional(params: Params, name: string): string | undefined {
  const v = params[name];
  return v === undefined || v === "" ? undefined : v;
}

const DECIMAL_RE = /^\d{1,20}(\.\d{1,20})?$/;

export function decimal(params: Params, name: string): bigint | undefined {
  const raw = optional(params, name);
  if (raw === undefined) return undefined;
  if (!DECIMAL_RE.test(raw)) {
    throw new ApiError(
      -1100,
      `Illegal characters found in parameter '${name}'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.`,
    );
  }
  const v = parseUnits(raw);
  if (v === null) throw Errors.badPrecision(name);
  return v;
}

export function integer(params: Params, name: string): number | undefined {
  const raw = optional(params, name);
  if (raw === undefined) return undefined;
  if (!/^-?\d{1,19}$/.test(raw)) {
    throw new ApiError(
      -1100,
      `Illegal characters found in parameter '${name}'; legal range is '^-?[0-9]{1,19}$'.`,
    );
  }
  return Number(raw);
}

export function oneOf<T extends string>(
  params: Params,
  name: string,
  allowed: readonly T[],
  error: () => ApiError,
): T | undefined {
  const raw = optional(params, name);
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) throw error();
  return raw as T;
}

export function limitParam(params: Params, fallback: number, max: number): number {
  const limit = integer(params, "limit") ?? fallback;
  if (limit < 1 || limit > max) {
    throw new ApiError(-1100, `Illegal characters found in parameter 'limit'; legal range is '1-${max}'.`);
  }
  return limit;
}
