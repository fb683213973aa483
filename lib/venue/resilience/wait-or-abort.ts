/** Resolves like `promise`, or rejects with an AbortError when the signal fires first. */
export function waitOrAbort<T>(options: { promise: Promise<T>; signal: AbortSignal }): Promise<T> {
  const { promise, signal } = options;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(new DOMException("aborted", "AbortError"));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => undefined);
      reject(new DOMException("aborted", "AbortError"));
    };
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
