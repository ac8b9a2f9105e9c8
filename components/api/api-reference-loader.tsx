"use client";

import dynamic from "next/dynamic";

// The reference renders in the browser only (it mounts its own app into a div).
const ApiReference = dynamic(() => import("./api-reference"), { ssr: false, loading: () => <p className="p-6 text-sm text-slate-500">Loading the API reference…</p> });

export function ApiReferenceLoader() {
  return <ApiReference />;
}
