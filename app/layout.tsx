import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

// Every page is rendered per request: its scripts carry that request's CSP nonce (scripts/start.ts).
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Tally", description: "Trading operations dashboard" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
