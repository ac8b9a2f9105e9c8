import type { Metadata } from "next";
import { ApiReferenceLoader } from "@/components/api/api-reference-loader";

export const metadata: Metadata = { title: "API reference · Touchpoint" };
export const dynamic = "force-dynamic";

/** The REST API's reference, rendered from /api/v1/openapi.json. Public, like the document itself. */
export default function ApiDocsPage() {
  return (
    <main className="min-h-screen bg-white">
      <ApiReferenceLoader />
    </main>
  );
}
