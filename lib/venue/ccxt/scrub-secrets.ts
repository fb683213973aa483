/** Removes credentials and URL query strings (they carry signatures and timestamps) from text. */
export function scrubSecrets(options: { text: string; secrets: readonly string[] }): string {
  let text = options.text.replace(/(https?:\/\/[^\s?]+)\?\S*/g, "$1?[redacted]");
  for (const secret of options.secrets) {
    if (secret.length >= 4) text = text.split(secret).join("[redacted]");
  }
  return text.replace(/(signature|apiKey|secret|X-MBX-APIKEY)=[^&\s]+/gi, "$1=[redacted]");
}
