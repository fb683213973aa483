"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { ApiError, apiFetch } from "../api/api-client";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { CopyButton } from "../ui/copy-button";
import { Field } from "../ui/field";
import { validateNewToken } from "./user-form-validation";

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
  const [nameError, setNameError] = useState<string | undefined>(undefined);
  const [toRevoke, setToRevoke] = useState<Token | null>(null);
  const idPrefix = useId();
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
    const name = String(form.get("name") ?? "").trim();
    setError(null);
    const local = validateNewToken({ name });
    setNameError(local.name);
    if (local.name) {
      formElement.querySelector<HTMLElement>('[name="name"]')?.focus();
      return;
    }
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
          <p className="issued-token">
            <code data-testid="issued-token">{issued.token}</code>{" "}
            <CopyButton value={issued.token} label={`Copy the secret of token ${issued.name}`} />
          </p>
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
                    onClick={() => setToRevoke(token)}
                  >
                    Revoke {token.name}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form" onSubmit={onCreate} noValidate aria-label="Create API token">
        <Field id={`${idPrefix}-name`} label="Token name" error={nameError}>
          <input
            id={`${idPrefix}-name`}
            name="name"
            autoComplete="off"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={`${idPrefix}-name-error`}
          />
        </Field>
        <Field id={`${idPrefix}-role`} label="Token role" error={undefined}>
          <select id={`${idPrefix}-role`} name="role" defaultValue="viewer">
            <option value="viewer">viewer</option>
            <option value="trader">trader</option>
            <option value="risk">risk</option>
          </select>
        </Field>
        <button type="submit" className="button primary" disabled={create.isPending}>
          Create token
        </button>
      </form>
      <div role="alert" className="form-error">
        {error}
      </div>
      {toRevoke && (
        <ConfirmDialog
          title={`Revoke token ${toRevoke.name}?`}
          confirmLabel="Revoke"
          onCancel={() => setToRevoke(null)}
          onConfirm={() => {
            setToRevoke(null);
            setError(null);
            revoke.mutate(toRevoke.id);
          }}
        >
          Every script or webhook using {toRevoke.name} ({toRevoke.prefix}…) is refused from now on. This
          cannot be undone.
        </ConfirmDialog>
      )}
    </section>
  );
}
