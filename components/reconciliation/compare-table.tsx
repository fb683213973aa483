import { compareValues } from "./compare-values";

/** Tally's figures and the venue's side by side; the rows that differ are highlighted. */
export function CompareTable({ expected, actual }: { expected: unknown; actual: unknown }) {
  const rows = compareValues(expected, actual);
  const differing = rows.filter((row) => row.differs).length;
  const oneSided = (side: "expected" | "actual") =>
    rows.every((row) => row[side] === "none" || row[side] === "—");
  return (
    <table className="table compare-table" aria-label="Expected and actual">
      <caption className="muted">
        {oneSided("expected")
          ? "Tally has no record of this; the venue's record is on the right"
          : oneSided("actual")
            ? "The venue has no record of this; Tally's record is on the left"
            : differing === 0
              ? "No field differs"
              : `${differing} of ${rows.length} fields differ (highlighted)`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Tally (expected)</th>
          <th scope="col">Venue (actual)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.field} className={row.differs ? "differs" : undefined} data-differs={row.differs}>
            <th scope="row">
              {row.field}
              {row.differs && <span className="sr-only"> (differs)</span>}
            </th>
            <td className="num">{row.expected}</td>
            <td className="num">{row.actual}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
