"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { ApiError, apiFetch, sendKeyedRequest } from "../api/api-client";
import { newIdempotencyKey } from "../orders/submission/new-idempotency-key";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { CopyButton } from "../ui/copy-button";
import { Field } from "../ui/field";
import { expiryFromInput, parseAllowedCidrs, restrictionErrors } from "./token-restrictions";
import { validateNewToken } from "./user-form-validation";

type Token = {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
  allowedCidrs: string[];
  owner: { id: string; username: string };
};

type NewToken = { name: string; role: string; expiresAt?: string; allowedCidrs?: string[] };

function status(token: Token): string {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= Date.now()) return "expired";
  return "active";
}

export function TokensPanel() {
  const queryClient = useQueryClient();
  const tokens = useQuery({
    queryKey: ["tokens"],
    queryFn: () => apiFetch<{ tokens: Token[] }>("/api/tokens").then((r) => r.tokens),
  });
  const [issued, setIssued] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | undefined>(undefined);
  const [fieldErrors, setFieldErrors] = useState<{ expiresAt?: string; allowedCidrs?: string }>({});
  const [toRevoke, setToRevoke] = useState<Token | null>(null);
  const idPrefix = useId();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["tokens"] });

  const create = useMutation({
    // One key per submission: the secret is in the first answer only, so a form is never resent.
    mutationFn: (input: NewToken) =>
      sendKeyedRequest<{ token?: string }>("/api/tokens", newIdempotencyKey(), input),
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
    setFieldErrors({});
    const local = validateNewToken({ name });
    setNameError(local.name);
    if (local.name) {
      formElement.querySelector<HTMLElement>('[name="name"]')?.focus();
      return;
    }
    const allowedCidrs = parseAllowedCidrs(String(form.get("allowedCidrs") ?? ""));
    try {
      const result = await create.mutateAsync({
        name,
        role: String(form.get("role") ?? "viewer"),
        expiresAt: expiryFromInput(String(form.get("expiresAt") ?? "")),
        allowedCidrs: allowedCidrs.length > 0 ? allowedCidrs : undefined,
      });
      if (result.body.token) setIssued({ name, token: result.body.token });
      formElement.reset();
    } catch (caught) {
      if (caught instanceof ApiError) setFieldErrors(restrictionErrors(caught.problem));
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
            <th>Expires</th>
            <th>Allowed addresses</th>
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
              <td>{token.expiresAt ? new Date(token.expiresAt).toLocaleString() : "never"}</td>
              <td>{token.allowedCidrs.length > 0 ? token.allowedCidrs.join(", ") : "any"}</td>
              <td>{status(token)}</td>
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
        <Field id={`${idPrefix}-expires`} label="Expires (optional)" error={fieldErrors.expiresAt}>
          <input
            id={`${idPrefix}-expires`}
            name="expiresAt"
            type="datetime-local"
            aria-invalid={fieldErrors.expiresAt ? true : undefined}
            aria-describedby={`${idPrefix}-expires-error`}
          />
        </Field>
        <Field
          id={`${idPrefix}-cidrs`}
          label="Allowed addresses (CIDR, optional)"
          error={fieldErrors.allowedCidrs}
        >
          <input
            id={`${idPrefix}-cidrs`}
            name="allowedCidrs"
            autoComplete="off"
            placeholder="10.0.0.0/8, 2001:db8::/32"
            aria-invalid={fieldErrors.allowedCidrs ? true : undefined}
            aria-describedby={`${idPrefix}-cidrs-error`}
          />
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
