import { RecordNotFound } from "@/components/layout/record-not-found";

export default function StatementNotFound() {
  return (
    <RecordNotFound title="Statement not found" back={{ href: "/portal/payouts", label: "Back to payouts" }}>
      You have no payout with this id.
    </RecordNotFound>
  );
}
