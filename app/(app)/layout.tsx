import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { HaltTradingControl } from "@/components/kill-switch/halt-trading-control";
import { TradingHaltBanner } from "@/components/kill-switch/trading-halt-banner";
import { Nav } from "@/components/shell/nav";
import { StatusBar } from "@/components/shell/status-bar";
import { UserMenu } from "@/components/shell/user-menu";
import { QueryProvider } from "@/components/ui/query-provider";
import { currentPrincipal } from "../current-principal";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const principal = await currentPrincipal();
  if (!principal) redirect("/login");
  return (
    <QueryProvider>
      <div className="shell">
        <header className="topbar">
          <span className="brand">Tally</span>
          <Nav role={principal.role} />
          <HaltTradingControl role={principal.role} />
          <UserMenu name={principal.name} role={principal.role} />
        </header>
        <TradingHaltBanner />
        <main className="content">{children}</main>
        <StatusBar />
      </div>
    </QueryProvider>
  );
}
