import { NotBuiltYet } from "@/components/ui/not-built-yet";

export default function TradePage() {
  return (
    <NotBuiltYet
      title="Trade"
      what="Order entry, the live order book and the blotter arrive with the order-placement and order-book capabilities."
    />
  );
}
