import { optionsFromEnv } from "./config.js";
import { faultConfigFromEnv } from "./faults/fault-env.js";
import { startSim } from "./start-sim.js";

const sim = await startSim(optionsFromEnv());
const faults = faultConfigFromEnv(process.env);
if (faults) {
  const res = await fetch(`${sim.restUrl}/__sim/faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(faults),
  });
  if (!res.ok) {
    console.error(`sim: SIM_FAULTS rejected: ${await res.text()}`);
    await sim.close();
    process.exit(1);
  }
}
console.log(`sim listening on ${sim.restUrl}`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  sim.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error("sim: error while closing", err);
      process.exit(1);
    },
  );
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
process.on("SIGHUP", stop);

// Started by `npm start` with stdin as a lifeline: when the launcher dies (even by kill -9) the pipe
// closes and the simulator stops instead of lingering on its port.
if (process.env.SIM_EXIT_WITH_PARENT === "1") {
  process.stdin.on("end", stop);
  process.stdin.on("error", stop);
  process.stdin.resume();
}
