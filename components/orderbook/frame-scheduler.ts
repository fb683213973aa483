/** Longest a batch may wait when animation frames are throttled (background tab), so the queue stays short. */
const FALLBACK_MS = 250;

/**
 * Coalesces any number of `request()` calls into one `flush` per animation frame, with a timer as
 * the fallback because browsers pause requestAnimationFrame in hidden tabs.
 */
export function createFrameScheduler(flush: () => void) {
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = null;
    timer = null;
  };
  const run = () => {
    cancel();
    flush();
  };
  return {
    request() {
      if (frame !== null || timer !== null) return;
      frame = requestAnimationFrame(run);
      timer = setTimeout(run, FALLBACK_MS);
    },
    cancel,
  };
}
