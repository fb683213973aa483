"use client";

import { type RefObject, useEffect, useState } from "react";

/**
 * How many body rows of the table inside `container` fit whole in its height (null until measured),
 * so a list that shows its newest rows first never shows a row cut in half at the bottom.
 */
export function useFittingRowCount(
  container: RefObject<HTMLElement | null>,
  rowCount: number,
): number | null {
  const [fitting, setFitting] = useState<number | null>(null);
  useEffect(() => {
    const element = container.current;
    if (!element || rowCount === 0) return;
    const measure = () => {
      const rows = element.querySelectorAll("tbody tr");
      const first = rows[0]?.getBoundingClientRect();
      const last = rows[rows.length - 1]?.getBoundingClientRect();
      if (!first || !last) return;
      // The mean of the rows shown, in fractional pixels: collapsed borders make the first row
      // shorter than the rest, and a rounded height would let the last row overhang.
      const rowHeight = (last.bottom - first.top) / rows.length;
      const available = element.getBoundingClientRect().bottom - first.top - 1;
      if (rowHeight > 0) setFitting(Math.max(1, Math.floor(available / rowHeight)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [container, rowCount]);
  return fitting;
}
