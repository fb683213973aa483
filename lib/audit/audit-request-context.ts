import { AsyncLocalStorage } from "node:async_hooks";

/** What the request being served says about itself, for the audit entries it leads to. */
export type AuditRequestContext = {
  requestId: string;
  ip: string;
  userAgent?: string;
  /** Set once the route has validated the request's Idempotency-Key. */
  idempotencyKey?: string;
};

const storage = new AsyncLocalStorage<AuditRequestContext>();

export function runWithAuditRequestContext<T>(
  context: AuditRequestContext,
  work: () => Promise<T>,
): Promise<T> {
  return storage.run(context, work);
}

export function currentAuditRequestContext(): AuditRequestContext | undefined {
  return storage.getStore();
}
