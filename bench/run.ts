import { readdirSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type BenchModule, targetPassed } from "./bench-result";
import { printResult } from "./print-result";

/**
 * Runs every `bench/*.bench.ts` (or those whose name contains one of the argv filters,
 * e.g. `npm run bench -- book`) one after another and prints a table per benchmark.
 * Exits non-zero if a benchmark misses its target.
 */
const benchDir = fileURLToPath(new URL(".", import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((file) => file.endsWith(".bench.ts"))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

if (files.length === 0) {
  console.error(`no benchmark matches ${JSON.stringify(filters)}`);
  process.exit(1);
}

for (const file of files) {
  console.log(`running ${basename(file, ".bench.ts")} ...`);
  const module = (await import(pathToFileURL(`${benchDir}/${file}`).href)) as BenchModule;
  const result = await module.run();
  printResult(result);
  if (targetPassed(result) === false) process.exitCode = 1;
}
