import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** Linux only: CPU time and resident memory of other processes, read from /proc. */

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

interface ProcStat {
  pid: number;
  ppid: number;
  /** user + system CPU, ms. */
  cpuMs: number;
  /** user + system CPU of its children that exited and were waited for, ms. */
  reapedChildrenCpuMs: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name (field 2) may contain spaces and parentheses: fields start after the last ')'
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const ms = (field: number) => (Number(fields[field]) * 1000) / ticksPerSecond();
    return {
      pid,
      ppid: Number(fields[1]),
      cpuMs: ms(11) + ms(12),
      reapedChildrenCpuMs: ms(13) + ms(14),
    };
  } catch {
    return undefined;
  }
}

/** Resident set size in bytes; 0 when the process is gone. */
export function rssBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
  } catch {
    return "";
  }
}

/** Direct children of `pid`. */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    if (readStat(Number(entry))?.ppid === pid) children.push(Number(entry));
  }
  return children;
}

/** `pid` and all its descendants. */
export function processTree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...childPids(all[i]!));
  return all;
}

/**
 * CPU time (ms) used so far by the process `root` and its descendants, including descendants that
 * have already exited (e.g. PostgreSQL backends), as far as they were waited for.
 */
export function treeCpuMs(root: number): number {
  let total = 0;
  for (const pid of processTree(root)) {
    const stat = readStat(pid);
    if (stat) total += stat.cpuMs + stat.reapedChildrenCpuMs;
  }
  return total;
}

/** CPU time (ms) used so far by the given processes alone (processes that have exited count as 0). */
export function cpuMsOf(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) total += readStat(pid)?.cpuMs ?? 0;
  return total;
}

/** Total RSS of the given processes, bytes. */
export function rssOf(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) total += rssBytes(pid);
  return total;
}

/** Busy CPU time (ms) of the whole machine so far, all cores (everything but idle and iowait). */
export function machineBusyMs(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return ((total - idle) * 1000) / ticksPerSecond();
}
