"use client";

import { useEffect, useRef } from "react";
import type { AuditEntryView } from "@/lib/audit/audit-wire-schema";
import { localTime } from "./local-time";

const json = (value: unknown) =>
  value === null || value === undefined ? "—" : JSON.stringify(value, null, 2);

/** Everything one entry holds, including its place in the hash chain. */
export function AuditEntryDetail({ entry, onClose }: { entry: AuditEntryView; onClose: () => void }) {
  const panel = useRef<HTMLElement>(null);
  // Below the list on narrower screens: bring the entry opened into view.
  useEffect(() => panel.current?.scrollIntoView({ block: "nearest" }), []);
  const rows: [string, string][] = [
    ["Sequence", entry.seq],
    ["Time", `${localTime(entry.at)} (${entry.at})`],
    [
      "Actor",
      `${entry.actor.type}${entry.actor.name ? ` ${entry.actor.name}` : ""}${entry.actor.id ? ` (${entry.actor.id})` : ""}`,
    ],
    ["Role", entry.role ?? "—"],
    ["Action", entry.action],
    ["Outcome", entry.outcome],
    ["Target", entry.target ?? "—"],
    ["IP", entry.ip ?? "—"],
    ["User agent", entry.userAgent ?? "—"],
    ["Idempotency key", entry.idempotencyKey ?? "—"],
    ["Request id", entry.requestId ?? "—"],
    ["Hash", entry.hash],
    ["Previous hash", entry.prevHash],
  ];
  return (
    <section ref={panel} className="panel stack audit-detail" aria-label={`Audit entry ${entry.seq}`}>
      <header className="blotter-header">
        <h2>Entry {entry.seq}</h2>
        <button type="button" className="button small" onClick={onClose}>
          Close
        </button>
      </header>
      <dl className="audit-detail-list">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {(["before", "after", "details"] as const).map((name) => (
        <div key={name}>
          <h3>{name[0]?.toUpperCase() + name.slice(1)}</h3>
          <pre className="audit-json">{json(entry[name])}</pre>
        </div>
      ))}
    </section>
  );
}
