"use client";

import { type CSSProperties, memo, useEffect, useRef } from "react";
import type { LadderRow } from "./ladder-rows";

export type LadderSide = "bids" | "asks";

const FLASH_MS = 600;
const FLASH_KEYFRAMES: Keyframe[] = [{ opacity: 1 }, { opacity: 0 }];

interface LadderRowViewProps {
  readonly row: LadderRow;
  readonly side: LadderSide;
  readonly selected: boolean;
  readonly onPick: (price: string) => void;
}

function LadderRowViewInner({ row, side, selected, onPick }: LadderRowViewProps) {
  const flash = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (row.changedSeq === 0) return;
    // Web Animations restart on every change without a re-render to remove a class; animating the
    // opacity of an overlay (not a background colour) runs on the compositor, without a repaint per frame.
    flash.current?.animate(FLASH_KEYFRAMES, { duration: FLASH_MS, easing: "ease-out" });
  }, [row.changedSeq]);
  return (
    <tr className={`ladder-row ladder-row-${side}`} style={{ "--depth": row.barRatio } as CSSProperties}>
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
      <td className="ladder-size">
        <span ref={flash} className="ladder-flash" aria-hidden="true" />
        {row.size}
      </td>
      <td>{row.total}</td>
    </tr>
  );
}

export const LadderRowView = memo(
  LadderRowViewInner,
  (before, after) =>
    before.side === after.side &&
    before.selected === after.selected &&
    before.onPick === after.onPick &&
    before.row.price === after.row.price &&
    before.row.size === after.row.size &&
    before.row.total === after.row.total &&
    before.row.barRatio === after.row.barRatio &&
    before.row.changedSeq === after.row.changedSeq,
);
