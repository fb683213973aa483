import { DEFAULT_REQUEST_WEIGHT_PER_MINUTE } from "./limits/request-weight.js";
import { DEFAULTS, type StartSimOptions } from "./start-sim.js";

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

/**
 * SIM_PORT, SIM_API_KEY, SIM_API_SECRET, SIM_SEED, SIM_DIFFS_PER_SECOND, SIM_MARKET=off, SIM_STATE_FILE,
 * SIM_REQUEST_WEIGHT_PER_MINUTE.
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): StartSimOptions {
  return {
    port: intFromEnv(env, "SIM_PORT", DEFAULTS.port),
    apiKey: env.SIM_API_KEY || DEFAULTS.apiKey,
    apiSecret: env.SIM_API_SECRET || DEFAULTS.apiSecret,
    seed: intFromEnv(env, "SIM_SEED", DEFAULTS.seed),
    diffsPerSecond: intFromEnv(env, "SIM_DIFFS_PER_SECOND", DEFAULTS.diffsPerSecond),
    market: env.SIM_MARKET !== "off",
    stateFile: env.SIM_STATE_FILE || undefined,
    requestWeightPerMinute: intFromEnv(
      env,
      "SIM_REQUEST_WEIGHT_PER_MINUTE",
      DEFAULT_REQUEST_WEIGHT_PER_MINUTE,
    ),
  };
}
