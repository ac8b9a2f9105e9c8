import { RecordNotFound } from "@/components/layout/record-not-found";

export default function ConversionNotFound() {
  return (
    <RecordNotFound title="Conversion not found" back={{ href: "/portal/earnings", label: "Back to earnings" }}>
      This conversion does not exist, or you were not part of it.
    </RecordNotFound>
  );
}
