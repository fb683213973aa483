import Link from "next/link";

// Replaces Next.js's built-in 404, whose inline <style> carries no nonce and is blocked by the CSP.
export default function NotFound() {
  return (
    <main className="login-page">
      <section className="login-card" aria-labelledby="not-found-title">
        <h1 id="not-found-title">Page not found</h1>
        <p className="muted">There is no page at this address.</p>
        <Link href="/trade">Go to Trade</Link>
      </section>
    </main>
  );
}
