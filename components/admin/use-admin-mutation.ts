"use client";

import { useRouter } from "next/navigation";

/** After an admin action, re-render the server components that show the changed data. */
export function useRefreshOnSuccess() {
  const router = useRouter();
  return { onSuccess: () => router.refresh() };
}
