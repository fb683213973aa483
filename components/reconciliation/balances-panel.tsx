"use client";

import { useQuery } from "@tanstack/react-query";
import { balancesQuery } from "./reconciliation-queries";

const isZero = (value: string | null) => value === null || /^-?0(\.0*)?$/.test(value);

/** Per asset: the venue's balance against what Tally's fills imply; any drift is highlighted. */
export function BalancesPanel({ compact = false }: { compact?: boolean }) {
  const balances = useQuery(balancesQuery);
  const rows = balances.data?.balances ?? [];
  const drifting = rows.filter((row) => !isZero(row.drift)).length;
  return (
    <section className="panel stack balances-panel" aria-labelledby="balances-title">
      <header className="blotter-header">
        <h2 id="balances-title">Balances: venue vs expected</h2>
        {balances.isSuccess && (
          <span className={drifting > 0 ? "badge badge-bad" : "badge"}>
            {drifting > 0 ? `${drifting} drifting` : "all agree"}
          </span>
        )}
      </header>
      {balances.isPending ? (
        <p className="muted">Loading balances…</p>
      ) : balances.isError ? (
        <p className="form-error">Could not read balances: {balances.error.message}</p>
      ) : (
        <table className="table blotter-table" aria-label="Balances">
          <thead>
            <tr>
              <th scope="col">Asset</th>
              {!compact && (
                <>
                  <th scope="col" className="num">
                    Free
                  </th>
                  <th scope="col" className="num">
                    Locked
                  </th>
                </>
              )}
              <th scope="col" className="num">
                Venue total
              </th>
              <th scope="col" className="num">
                Expected
              </th>
              <th scope="col" className="num">
                Drift
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.asset} className={isZero(row.drift) ? undefined : "differs"}>
                <th scope="row">{row.asset}</th>
                {!compact && (
                  <>
                    <td className="num">{row.free}</td>
                    <td className="num">{row.locked}</td>
                  </>
                )}
                <td className="num">{row.total}</td>
                <td
                  className="num"
                  title={row.expected === null ? "No baseline yet: reconciliation has not run" : undefined}
                >
                  {row.expected ?? "—"}
                </td>
                <td className="num">{row.drift === null ? "—" : row.drift}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
