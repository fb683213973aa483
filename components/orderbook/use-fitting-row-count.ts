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
      const row = element.querySelector("tbody tr");
      if (!row) return;
      const header = element.querySelector("thead")?.getBoundingClientRect().height ?? 0;
      const rowHeight = row.getBoundingClientRect().height;
      if (rowHeight > 0) setFitting(Math.max(1, Math.floor((element.clientHeight - header) / rowHeight)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [container, rowCount]);
  return fitting;
}
