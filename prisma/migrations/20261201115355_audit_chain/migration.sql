-- The audit trail becomes a hash chain: every row carries a gap-free seq, the previous row's hash and
-- its own hash over its canonical form (see lib/audit/audit-canonical.ts, which must stay in step).
ALTER TABLE "AuditLog" ADD COLUMN "after" JSONB,
ADD COLUMN "before" JSONB,
ADD COLUMN "hash" TEXT,
ADD COLUMN "idempotencyKey" TEXT,
ADD COLUMN "prevHash" TEXT,
ADD COLUMN "role" TEXT,
ADD COLUMN "seq" BIGINT,
ADD COLUMN "userAgent" TEXT;

-- The canonical form: PostgreSQL's jsonb text of these keys (jsonb renders keys ordered by length, then bytes).
CREATE FUNCTION audit_log_canonical(entry "AuditLog") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'seq', entry.seq,
    'at', to_char(entry.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'actorType', entry."actorType",
    'actorId', entry."actorId",
    'actorName', entry."actorName",
    'role', entry.role,
    'ip', entry.ip,
    'userAgent', entry."userAgent",
    'action', entry.action,
    'outcome', entry.outcome,
    'target', entry.target,
    'idempotencyKey', entry."idempotencyKey",
    'requestId', entry."requestId",
    'before', entry.before,
    'after', entry.after,
    'details', entry.details,
    'prevHash', entry."prevHash"
  )::text
$$;

-- Existing rows are sealed into the chain in their id order, starting from the genesis hash.
DO $$
DECLARE
  row_id BIGINT;
  n BIGINT := 0;
  previous TEXT := repeat('0', 64);
BEGIN
  FOR row_id IN SELECT id FROM "AuditLog" ORDER BY id LOOP
    n := n + 1;
    UPDATE "AuditLog" SET seq = n, "prevHash" = previous WHERE id = row_id;
    UPDATE "AuditLog" AS a SET hash = encode(sha256(convert_to(audit_log_canonical(a), 'UTF8')), 'hex')
      WHERE id = row_id RETURNING a.hash INTO previous;
  END LOOP;
END $$;

ALTER TABLE "AuditLog" ALTER COLUMN "hash" SET NOT NULL,
ALTER COLUMN "prevHash" SET NOT NULL,
ALTER COLUMN "seq" SET NOT NULL;

CREATE UNIQUE INDEX "AuditLog_seq_key" ON "AuditLog"("seq");

CREATE UNIQUE INDEX "AuditLog_prevHash_key" ON "AuditLog"("prevHash");

CREATE UNIQUE INDEX "AuditLog_hash_key" ON "AuditLog"("hash");

CREATE INDEX "AuditLog_target_at_idx" ON "AuditLog"("target", "at");

-- Appends are serialised by one transaction-scoped advisory lock: the head read after taking it is the
-- committed head, so two appends can never share a predecessor (the unique prevHash enforces it too).
-- The lock is held until the appending transaction ends, so the entry commits with the change it records.
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head_seq BIGINT;
  head_hash TEXT;
BEGIN
  PERFORM pg_advisory_xact_lock(7406117001);
  SELECT seq, hash INTO head_seq, head_hash FROM "AuditLog" ORDER BY seq DESC LIMIT 1;
  NEW.seq := COALESCE(head_seq, 0) + 1;
  NEW."prevHash" := COALESCE(head_hash, repeat('0', 64));
  NEW.at := date_trunc('milliseconds', clock_timestamp());
  NEW.hash := encode(sha256(convert_to(audit_log_canonical(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END $$;

CREATE TRIGGER "AuditLog_chain" BEFORE INSERT ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % on "AuditLog" is refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER "AuditLog_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
