import { RecordNotFound } from "@/components/layout/record-not-found";

export default function FraudCheckNotFound() {
  return (
    <RecordNotFound title="Review item not found" back={{ href: "/admin/fraud", label: "Back to fraud review" }}>
      No fraud check has this id.
    </RecordNotFound>
  );
}
