import { redirect } from "next/navigation";
import { Suspense } from "react";
import { LoginForm } from "@/components/auth/login-form";
import { currentPrincipal } from "../../current-principal";

export const dynamic = "force-dynamic";

export default async function LoginPage() {
  if (await currentPrincipal()) redirect("/trade");
  return (
    <main className="login-page">
      <section className="login-card" aria-labelledby="login-title">
        <h1 id="login-title">Tally</h1>
        <p className="muted">Sign in to the trading dashboard</p>
        <Suspense>
          <LoginForm />
        </Suspense>
      </section>
    </main>
  );
}
