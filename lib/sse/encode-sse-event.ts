/** One Server-Sent Events message; `data` is JSON text (single line, so one `data:` field). */
export function encodeSseEvent(event: { event: string; data: string; id?: number | string }): string {
  const id = event.id === undefined ? "" : `id: ${event.id}\n`;
  return `event: ${event.event}\n${id}data: ${event.data}\n\n`;
}
