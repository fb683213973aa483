/** An RFC 9457 problem as the API returns it. */
export type Problem = {
  status: number;
  code: string;
  detail: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
};

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

/** fetch + JSON for the dashboard's own API: throws ApiError with the problem body on any non-2xx. */
export async function apiFetch<T>(path: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const { json, ...rest } = init ?? {};
  const response = await fetch(path, {
    ...rest,
    headers: { ...(json !== undefined ? { "content-type": "application/json" } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
    credentials: "same-origin",
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    throw new ApiError(
      data && typeof data === "object" && "code" in data
        ? (data as Problem)
        : {
            status: response.status,
            code: "http_error",
            detail: `Request failed with status ${response.status}`,
          },
    );
  }
  return data as T;
}
