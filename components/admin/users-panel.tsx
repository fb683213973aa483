"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { ApiError, apiFetch } from "../api/api-client";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { Field } from "../ui/field";
import { fieldErrorsFrom, type NewUserField, validateNewUser } from "./user-form-validation";

type User = { id: string; username: string; role: string; disabled: boolean; createdAt: string };

const ROLES = ["viewer", "trader", "risk"] as const;
const FIELDS: readonly NewUserField[] = ["username", "password"];

const describeError = (caught: unknown) =>
  caught instanceof ApiError ? caught.problem.detail : String(caught);

export function UsersPanel({ currentUserId }: { currentUserId: string }) {
  const queryClient = useQueryClient();
  const users = useQuery({
    queryKey: ["users"],
    queryFn: () => apiFetch<{ users: User[] }>("/api/users").then((r) => r.users),
  });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<NewUserField, string>>>({});
  const [toDisable, setToDisable] = useState<User | null>(null);
  const idPrefix = useId();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["users"] });

  const create = useMutation({
    mutationFn: (input: { username: string; password: string; role: string }) =>
      apiFetch("/api/users", { method: "POST", json: input }),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ id, ...patch }: { id: string; disabled?: boolean; role?: string }) =>
      apiFetch(`/api/users/${id}`, { method: "PATCH", json: patch }),
    onSuccess: refresh,
  });

  async function change(user: User, patch: { disabled?: boolean; role?: string }, done: string) {
    setError(null);
    setNotice(null);
    try {
      await update.mutateAsync({ id: user.id, ...patch });
      setNotice(done);
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const values = {
      username: String(form.get("username") ?? "").trim(),
      password: String(form.get("password") ?? ""),
      role: String(form.get("role") ?? "viewer"),
    };
    setError(null);
    setNotice(null);
    const local = validateNewUser(values);
    setFieldErrors(local);
    const first = FIELDS.find((field) => local[field]);
    if (first) {
      formElement.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    try {
      await create.mutateAsync(values);
      setNotice(`User ${values.username} created with role ${values.role}.`);
      formElement.reset();
    } catch (caught) {
      if (caught instanceof ApiError) setFieldErrors(fieldErrorsFrom(caught.problem.errors, FIELDS));
      setError(describeError(caught));
    }
  }

  const control = (field: NewUserField) => ({
    id: `${idPrefix}-${field}`,
    name: field,
    "aria-invalid": fieldErrors[field] ? true : undefined,
    "aria-describedby": `${idPrefix}-${field}-error`,
  });

  return (
    <section className="panel" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <table className="table">
        <thead>
          <tr>
            <th>Username</th>
            <th>Role</th>
            <th>Status</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.data?.map((user) => (
            <tr key={user.id}>
              <td>{user.username}</td>
              <td>
                {user.id === currentUserId ? (
                  user.role
                ) : (
                  <select
                    aria-label={`Role of ${user.username}`}
                    value={user.role}
                    disabled={update.isPending}
                    onChange={(event) =>
                      void change(
                        user,
                        { role: event.target.value },
                        `${user.username} is now ${event.target.value}; their sessions have ended.`,
                      )
                    }
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {role}
                      </option>
                    ))}
                  </select>
                )}
              </td>
              <td>{user.disabled ? "disabled" : "active"}</td>
              <td>
                {user.id !== currentUserId && (
                  <button
                    type="button"
                    className={user.disabled ? "button small" : "button small danger"}
                    disabled={update.isPending}
                    onClick={() =>
                      user.disabled
                        ? void change(user, { disabled: false }, `${user.username} is enabled.`)
                        : setToDisable(user)
                    }
                  >
                    {user.disabled ? `Enable ${user.username}` : `Disable ${user.username}`}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form" onSubmit={onCreate} noValidate aria-label="Create user">
        <Field id={`${idPrefix}-username`} label="New username" error={fieldErrors.username}>
          <input {...control("username")} autoComplete="off" />
        </Field>
        <Field id={`${idPrefix}-password`} label="New password" error={fieldErrors.password}>
          <input {...control("password")} type="password" autoComplete="new-password" />
        </Field>
        <Field id={`${idPrefix}-role`} label="New user role" error={undefined}>
          <select id={`${idPrefix}-role`} name="role" defaultValue="viewer">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="button primary" disabled={create.isPending}>
          Create user
        </button>
      </form>
      <div role="status" className="form-ok" data-testid="users-notice">
        {notice}
      </div>
      <div role="alert" className="form-error">
        {error}
      </div>
      {toDisable && (
        <ConfirmDialog
          title={`Disable ${toDisable.username}?`}
          confirmLabel="Disable"
          onCancel={() => setToDisable(null)}
          onConfirm={() => {
            const user = toDisable;
            setToDisable(null);
            void change(user, { disabled: true }, `${user.username} is disabled: their sessions have ended.`);
          }}
        >
          {toDisable.username} can no longer sign in, and their open sessions end.
        </ConfirmDialog>
      )}
    </section>
  );
}
