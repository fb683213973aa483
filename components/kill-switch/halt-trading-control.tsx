"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Role } from "@/lib/auth/roles";
import { HaltTradingDialog } from "./halt-trading-dialog";
import { ReleaseTradingDialog } from "./release-trading-dialog";
import { engagedHalts, tradingStateQuery } from "./trading-state-query";

/** The header's "Halt trading" (trader and risk) and, while something is halted, "Release" (risk). */
export function HaltTradingControl({ role }: { role: Role }) {
  const state = useQuery(tradingStateQuery);
  const [open, setOpen] = useState<"halt" | "release" | null>(null);
  if (role === "viewer") return null;
  const halts = engagedHalts(state.data);
  return (
    <div className="halt-control">
      <button type="button" className="button primary danger-fill" onClick={() => setOpen("halt")}>
        Halt trading
      </button>
      {role === "risk" && halts.length > 0 && (
        <button type="button" className="button" onClick={() => setOpen("release")}>
          Release…
        </button>
      )}
      {/* A new dialog (and its idempotency key) for every opening. */}
      {open === "halt" && <HaltTradingDialog onClose={() => setOpen(null)} />}
      {open === "release" && <ReleaseTradingDialog halts={halts} onClose={() => setOpen(null)} />}
    </div>
  );
}
