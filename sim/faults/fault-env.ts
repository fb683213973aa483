/**
 * Faults from the environment: `SIM_FAULTS` holds the same JSON as `POST /__sim/faults`
 * (e.g. SIM_FAULTS='{"http429":0.1,"seed":7}'). Validation happens in the control endpoint.
 */
export function faultConfigFromEnv(env: NodeJS.ProcessEnv): unknown {
  const raw = env.SIM_FAULTS;
  if (raw === undefined || raw.trim() === "") return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new Error("SIM_FAULTS is not valid JSON");
  }
}
