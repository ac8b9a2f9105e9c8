import { RecordNotFound } from "@/components/layout/record-not-found";

export default function BatchNotFound() {
  return (
    <RecordNotFound title="Payout batch not found" back={{ href: "/admin/payouts", label: "Back to payouts" }}>
      No payout batch has this id.
    </RecordNotFound>
  );
}
