"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, apiFetch } from "@/components/ui/problem";

type Token = {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  owner: { id: string; username: string };
};

export function TokensPanel() {
  const queryClient = useQueryClient();
  const tokens = useQuery({
    queryKey: ["tokens"],
    queryFn: () => apiFetch<{ tokens: Token[] }>("/api/tokens").then((r) => r.tokens),
  });
  const [issued, setIssued] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["tokens"] });

  const create = useMutation({
    mutationFn: (input: { name: string; role: string }) =>
      apiFetch<{ token: string }>("/api/tokens", { method: "POST", json: input }),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/tokens/${id}`, { method: "DELETE" }),
    onSuccess: refresh,
    onError: (caught) => setError(caught instanceof ApiError ? caught.problem.detail : String(caught)),
  });

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const name = String(form.get("name") ?? "");
    setError(null);
    try {
      const result = await create.mutateAsync({ name, role: String(form.get("role") ?? "viewer") });
      setIssued({ name, token: result.token });
      formElement.reset();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.problem.detail : String(caught));
    }
  }

  return (
    <section className="panel" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      {issued && (
        <div className="notice" role="status">
          <p>
            Token <strong>{issued.name}</strong> created. Copy it now: it will not be shown again.
          </p>
          <code data-testid="issued-token">{issued.token}</code>
        </div>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>Owner</th>
            <th>Token</th>
            <th>Last used</th>
            <th>Status</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.data?.map((token) => (
            <tr key={token.id}>
              <td>{token.name}</td>
              <td>{token.role}</td>
              <td>{token.owner.username}</td>
              <td>
                <code>{token.prefix}…</code>
              </td>
              <td>{token.lastUsedAt ? new Date(token.lastUsedAt).toLocaleString() : "never"}</td>
              <td>{token.revokedAt ? "revoked" : "active"}</td>
              <td>
                {!token.revokedAt && (
                  <button
                    type="button"
                    className="button small danger"
                    disabled={revoke.isPending}
                    onClick={() => revoke.mutate(token.id)}
                  >
                    Revoke {token.name}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form" onSubmit={onCreate} aria-label="Create API token">
        <label className="field">
          <span>Token name</span>
          <input name="name" required autoComplete="off" />
        </label>
        <label className="field">
          <span>Token role</span>
          <select name="role" defaultValue="viewer">
            <option value="viewer">viewer</option>
            <option value="trader">trader</option>
            <option value="risk">risk</option>
          </select>
        </label>
        <button type="submit" className="button primary" disabled={create.isPending}>
          Create token
        </button>
      </form>
      <div role="alert" className="form-error">
        {error}
      </div>
    </section>
  );
}
