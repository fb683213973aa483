import type { Page } from "@playwright/test";

/** Collects what Chromium reports when the page's Content-Security-Policy blocks something. */
export function watchCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  return violations;
}
