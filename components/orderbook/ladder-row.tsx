"use client";

import { type CSSProperties, memo } from "react";
import type { LadderRow } from "./ladder-rows";

export type LadderSide = "bids" | "asks";

interface LadderRowViewProps {
  readonly row: LadderRow;
  readonly side: LadderSide;
  readonly selected: boolean;
  /** The size changed a moment ago: highlighted by a class, not an animation (no layer, no per-frame work). */
  readonly flash: boolean;
  readonly onPick: (price: string) => void;
}

function LadderRowViewInner({ row, side, selected, flash, onPick }: LadderRowViewProps) {
  // The depth bar is the row's background sized to the ratio: one non-inherited property per row
  // (a custom property would restyle every cell of the row on each change).
  const style: CSSProperties = { backgroundSize: `${row.barRatio * 100}% 100%` };
  return (
    <tr className={`ladder-row ladder-row-${side}`} style={style}>
      <td>
        <button
          type="button"
          className="ladder-price"
          aria-pressed={selected}
          title="Use this price in the order ticket"
          onClick={() => onPick(row.price)}
        >
          {row.price}
        </button>
      </td>
      <td className={flash ? "ladder-size ladder-size-changed" : "ladder-size"}>{row.size}</td>
      <td>{row.total}</td>
    </tr>
  );
}

export const LadderRowView = memo(
  LadderRowViewInner,
  (before, after) =>
    before.side === after.side &&
    before.selected === after.selected &&
    before.flash === after.flash &&
    before.onPick === after.onPick &&
    before.row.price === after.row.price &&
    before.row.size === after.row.size &&
    before.row.total === after.row.total &&
    before.row.barRatio === after.row.barRatio,
);
