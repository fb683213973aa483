"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "../api/api-client";

export function UserMenu({ name, role }: { name: string; role: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);

  async function logout() {
    setPending(true);
    try {
      await apiFetch("/api/auth/logout", { method: "POST" });
    } finally {
      router.replace("/login");
      router.refresh();
    }
  }

  return (
    <div className="user-menu">
      <span>
        <strong data-testid="current-user">{name}</strong> <span className="badge">{role}</span>
      </span>
      <button type="button" className="button" onClick={logout} disabled={pending}>
        Log out
      </button>
    </div>
  );
}
