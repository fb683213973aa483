// Next.js calls register() once per server process: background services start here, never in a request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundServices } = await import("./lib/runtime/background-services");
  await startBackgroundServices();
}
