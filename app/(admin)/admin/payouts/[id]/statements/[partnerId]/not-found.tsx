import { RecordNotFound } from "@/components/layout/record-not-found";

export default function StatementNotFound() {
  return (
    <RecordNotFound title="Statement not found" back={{ href: "/admin/payouts", label: "Back to payouts" }}>
      This partner has no line in this payout batch.
    </RecordNotFound>
  );
}
