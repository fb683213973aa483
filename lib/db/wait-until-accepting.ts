type WaitOptions = { timeoutMs?: number; intervalMs?: number };

/**
 * Retries `connect` until it resolves, for at most `timeoutMs`. PostgreSQL says it is ready a moment
 * before every connection attempt succeeds (and a cluster still stopping refuses them), so a caller
 * that connects right after start-up waits here instead of failing on the first refusal.
 */
export async function waitUntilAccepting(
  connect: () => Promise<void>,
  describe: string,
  { timeoutMs = 30_000, intervalMs = 200 }: WaitOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await connect();
      return;
    } catch (error) {
      if (Date.now() + intervalMs > deadline) {
        throw new Error(
          `${describe} did not accept connections within ${Math.round(timeoutMs / 1000)} s (last error: ${(error as Error).message})`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
