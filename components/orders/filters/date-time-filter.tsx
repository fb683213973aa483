"use client";

import { errorAttributes, Field } from "../../ui/field";
import { useHydrated } from "../../ui/use-hydrated";
import { isoToLocalInput, localInputToIso } from "./local-date-time";

/** A date and time in the browser's time zone, read from and written to the URL as an ISO instant. */
export function DateTimeFilter({
  id,
  label,
  iso,
  error,
  onChange,
}: {
  id: string;
  label: string;
  iso: string;
  error: string | undefined;
  onChange: (iso: string) => void;
}) {
  // The server renders in its own time zone: show the local value only once in the browser.
  const hydrated = useHydrated();
  return (
    <Field id={id} label={label} error={error}>
      <input
        id={id}
        type="datetime-local"
        value={hydrated ? isoToLocalInput(iso) : ""}
        onChange={(event) => onChange(localInputToIso(event.target.value))}
        {...errorAttributes(id, error)}
      />
    </Field>
  );
}
