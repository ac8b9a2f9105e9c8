import { RecordNotFound } from "@/components/layout/record-not-found";

export default function ConversionNotFound() {
  return (
    <RecordNotFound title="Conversion not found" back={{ href: "/admin/commissions", label: "Back to commissions" }}>
      No conversion has this id.
    </RecordNotFound>
  );
}
