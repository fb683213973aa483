/**
 * The client address as the Tally server saw it on the socket. The custom server (scripts/start.ts)
 * overwrites this header on every request, so a caller cannot forge it.
 */
export const CLIENT_IP_HEADER = "x-tally-client-ip";

export function clientIp(request: Request): string {
  return request.headers.get(CLIENT_IP_HEADER) ?? "unknown";
}
