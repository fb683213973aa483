"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, useState } from "react";
import { ApiError, apiFetch } from "../api/api-client";
import { landingAfterSignIn } from "./landing-after-sign-in";

export function LoginForm() {
  const router = useRouter();
  const search = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      await apiFetch("/api/auth/login", {
        method: "POST",
        json: { username: String(form.get("username") ?? ""), password: String(form.get("password") ?? "") },
      });
      router.replace(landingAfterSignIn(search.get("next"), window.location.origin));
      router.refresh();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.problem.detail : "Cannot reach the server. Try again.");
      setPending(false);
    }
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <label className="field">
        <span>Username</span>
        <input name="username" autoComplete="username" required />
      </label>
      <label className="field">
        <span>Password</span>
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <div role="alert" aria-live="assertive" className="form-error">
        {error}
      </div>
      <button type="submit" className="button primary" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
