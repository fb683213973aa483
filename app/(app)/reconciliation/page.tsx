import { NotBuiltYet } from "@/components/ui/not-built-yet";

export default function ReconciliationPage() {
  return (
    <NotBuiltYet
      title="Reconciliation"
      what="Reconciliation runs and mismatch review arrive with the reconciliation capability."
    />
  );
}
