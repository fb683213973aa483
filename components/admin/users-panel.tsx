"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, apiFetch } from "@/components/ui/problem";

type User = { id: string; username: string; role: string; disabled: boolean; createdAt: string };

export function UsersPanel({ currentUserId }: { currentUserId: string }) {
  const queryClient = useQueryClient();
  const users = useQuery({
    queryKey: ["users"],
    queryFn: () => apiFetch<{ users: User[] }>("/api/users").then((r) => r.users),
  });
  const [error, setError] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (input: { username: string; password: string; role: string }) =>
      apiFetch("/api/users", { method: "POST", json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["users"] }),
  });
  const update = useMutation({
    mutationFn: ({ id, disabled }: { id: string; disabled: boolean }) =>
      apiFetch(`/api/users/${id}`, { method: "PATCH", json: { disabled } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["users"] }),
    onError: (caught) => setError(caught instanceof ApiError ? caught.problem.detail : String(caught)),
  });

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setError(null);
    try {
      await create.mutateAsync({
        username: String(form.get("username") ?? ""),
        password: String(form.get("password") ?? ""),
        role: String(form.get("role") ?? "viewer"),
      });
      formElement.reset();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.problem.detail : String(caught));
    }
  }

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
              <td>{user.role}</td>
              <td>{user.disabled ? "disabled" : "active"}</td>
              <td>
                {user.id !== currentUserId && (
                  <button
                    type="button"
                    className="button small"
                    disabled={update.isPending}
                    onClick={() => update.mutate({ id: user.id, disabled: !user.disabled })}
                  >
                    {user.disabled ? `Enable ${user.username}` : `Disable ${user.username}`}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form" onSubmit={onCreate} aria-label="Create user">
        <label className="field">
          <span>New username</span>
          <input name="username" required autoComplete="off" />
        </label>
        <label className="field">
          <span>New password</span>
          <input name="password" type="password" required minLength={12} autoComplete="new-password" />
        </label>
        <label className="field">
          <span>New user role</span>
          <select name="role" defaultValue="viewer">
            <option value="viewer">viewer</option>
            <option value="trader">trader</option>
            <option value="risk">risk</option>
          </select>
        </label>
        <button type="submit" className="button primary" disabled={create.isPending}>
          Create user
        </button>
      </form>
      <div role="alert" className="form-error">
        {error}
      </div>
    </section>
  );
}
