import { NotBuiltYet } from "@/components/ui/not-built-yet";

export default function OrdersPage() {
  return (
    <NotBuiltYet
      title="Orders"
      what="The order list with fills and events arrives with the order-placement capability."
    />
  );
}
