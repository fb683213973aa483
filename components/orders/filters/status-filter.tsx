import { STATUS_LABELS } from "../shared/format-order";
import { ORDER_STATUSES, toggleStatus } from "./order-list-filters";

/** One checkbox per order status; none checked means every status. */
export function StatusFilter({
  idPrefix,
  statuses,
  error,
  onChange,
}: {
  idPrefix: string;
  statuses: readonly string[];
  error: string | undefined;
  onChange: (statuses: string[]) => void;
}) {
  const errorId = `${idPrefix}-status-error`;
  return (
    <fieldset className="status-filter" aria-describedby={error ? errorId : undefined}>
      <legend>Status</legend>
      {ORDER_STATUSES.map((status) => (
        <label key={status} className="checkbox">
          <input
            type="checkbox"
            checked={statuses.includes(status)}
            onChange={(event) => onChange(toggleStatus(statuses, status, event.target.checked))}
          />
          {STATUS_LABELS[status]}
        </label>
      ))}
      <span id={errorId} className="field-error">
        {error}
      </span>
    </fieldset>
  );
}
