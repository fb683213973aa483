/**
 * Calls `onOrphaned` once when the process that started this one is gone (it was re-parented): npm
 * does not forward SIGHUP to its script, and a killed npm cannot forward anything.
 */
export function watchParent(onOrphaned: () => void, intervalMs = 500): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, intervalMs);
  timer.unref();
}
