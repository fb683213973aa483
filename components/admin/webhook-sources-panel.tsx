"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { ApiError, apiFetch, sendKeyedRequest } from "../api/api-client";
import { newIdempotencyKey } from "../orders/submission/new-idempotency-key";
import { CopyButton } from "../ui/copy-button";
import { Field } from "../ui/field";

type Source = {
  id: string;
  name: string;
  role: string;
  disabled: boolean;
  previousSecretExpiresAt: string | null;
  createdAt: string;
};

type Intent = {
  id: string;
  webhookId: string;
  type: string;
  status: string;
  orderId: string | null;
  error: { code: string; detail: string } | null;
  createdAt: string;
};

type SecretAnswer = { source: Source; secret?: string; secretShown: boolean };

function RecentIntents({ sourceId }: { sourceId: string }) {
  const intents = useQuery({
    queryKey: ["webhook-intents", sourceId],
    queryFn: () =>
      apiFetch<{ intents: Intent[] }>(`/api/webhooks/intents?sourceId=${sourceId}&limit=10`).then(
        (r) => r.intents,
      ),
    refetchInterval: 5_000,
  });
  if (!intents.data?.length) return <p className="muted">No intents received yet.</p>;
  return (
    <table className="table" aria-label="Recent intents">
      <thead>
        <tr>
          <th>Received</th>
          <th>webhook-id</th>
          <th>Type</th>
          <th>Status</th>
          <th>Order</th>
          <th>Error</th>
        </tr>
      </thead>
      <tbody>
        {intents.data.map((intent) => (
          <tr key={intent.id}>
            <td>{new Date(intent.createdAt).toLocaleString()}</td>
            <td>
              <code>{intent.webhookId}</code>
            </td>
            <td>{intent.type}</td>
            <td>{intent.status}</td>
            <td>
              {intent.orderId ? <a href={`/orders/${intent.orderId}`}>{intent.orderId.slice(0, 8)}</a> : "—"}
            </td>
            <td>{intent.error ? `${intent.error.code}: ${intent.error.detail}` : ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Webhook sources (create shows the secret once, rotate, disable) and each source's recent intents. */
export function WebhookSourcesPanel() {
  const queryClient = useQueryClient();
  const sources = useQuery({
    queryKey: ["webhook-sources"],
    queryFn: () => apiFetch<{ sources: Source[] }>("/api/webhook-sources").then((r) => r.sources),
  });
  const [issued, setIssued] = useState<{ name: string; secret: string; id: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const idPrefix = useId();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["webhook-sources"] });
  const fail = (caught: unknown) =>
    setError(caught instanceof ApiError ? caught.problem.detail : String(caught));

  const issue = async (path: string, json?: unknown) => {
    const answer = await sendKeyedRequest<SecretAnswer & { detail?: string }>(
      path,
      newIdempotencyKey(),
      json,
    );
    if (answer.status >= 400) throw new Error(answer.body.detail ?? `HTTP ${answer.status}`);
    if (answer.body.secret)
      setIssued({ name: answer.body.source.name, secret: answer.body.secret, id: answer.body.source.id });
    await refresh();
  };
  const toggle = useMutation({
    mutationFn: (source: Source) =>
      apiFetch(`/api/webhook-sources/${source.id}`, {
        method: "PATCH",
        json: { disabled: !source.disabled },
      }),
    onSuccess: refresh,
    onError: fail,
  });

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const name = String(new FormData(formElement).get("name") ?? "").trim();
    setError(null);
    if (!name) return setError("A source needs a name");
    try {
      await issue("/api/webhook-sources", { name });
      formElement.reset();
    } catch (caught) {
      fail(caught);
    }
  }

  return (
    <section className="panel" aria-labelledby="webhook-sources-title">
      <h2 id="webhook-sources-title">Webhook sources</h2>
      <p className="muted">
        Signed order intents (Standard Webhooks) are POSTed to{" "}
        <code>/api/webhooks/signals/&lt;source id&gt;</code>.
      </p>
      {issued && (
        <div className="notice" role="status">
          <p>
            Secret of <strong>{issued.name}</strong> (<code>{issued.id}</code>). Copy it now: it will not be
            shown again.
          </p>
          <p className="issued-token">
            <code data-testid="issued-webhook-secret">{issued.secret}</code>{" "}
            <CopyButton value={issued.secret} label={`Copy the secret of webhook source ${issued.name}`} />
          </p>
        </div>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Source id</th>
            <th>Role</th>
            <th>Status</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sources.data?.map((source) => (
            <tr key={source.id}>
              <td>{source.name}</td>
              <td>
                <code>{source.id}</code>
              </td>
              <td>{source.role}</td>
              <td>
                {source.disabled ? "disabled" : "active"}
                {source.previousSecretExpiresAt && new Date(source.previousSecretExpiresAt) > new Date()
                  ? ` (old secret valid until ${new Date(source.previousSecretExpiresAt).toLocaleString()})`
                  : ""}
              </td>
              <td>
                <button
                  type="button"
                  className="button small"
                  onClick={() => {
                    setError(null);
                    issue(`/api/webhook-sources/${source.id}/rotate`).catch(fail);
                  }}
                >
                  Rotate secret of {source.name}
                </button>
                <button
                  type="button"
                  className={`button small${source.disabled ? "" : " danger"}`}
                  disabled={toggle.isPending}
                  onClick={() => toggle.mutate(source)}
                >
                  {source.disabled ? "Enable" : "Disable"} {source.name}
                </button>
                <button
                  type="button"
                  className="button small"
                  aria-expanded={shown === source.id}
                  onClick={() => setShown(shown === source.id ? null : source.id)}
                >
                  Intents of {source.name}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown && <RecentIntents sourceId={shown} />}
      <form className="inline-form" onSubmit={onCreate} noValidate aria-label="Create webhook source">
        <Field id={`${idPrefix}-name`} label="Source name" error={undefined}>
          <input id={`${idPrefix}-name`} name="name" autoComplete="off" maxLength={100} />
        </Field>
        <button type="submit" className="button primary">
          Create source
        </button>
      </form>
      <div role="alert" className="form-error">
        {error}
      </div>
    </section>
  );
}
