"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { TRPCClientError } from "@trpc/client";
import { useState } from "react";
import superjson from "superjson";
import { z } from "zod";
import type { AppRouter } from "@/server/trpc/root";

// In the browser, zod would probe `new Function` for its compiled fast path; the pages' CSP forbids eval, so the
// probe would be refused and reported as a violation. Forms check small inputs: the interpreter is enough.
if (typeof window !== "undefined") z.config({ jitless: true });

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

export function Providers({ children }: { children: React.ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000 } } }));
  const [trpcClient] = useState(() => createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })] }));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/** Field errors from a failed mutation: zod's per-field messages, or a domain error that names its field. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof TRPCClientError)) return {};
  const data = error.data as { fieldErrors?: Record<string, string[]> | null; field?: string | null } | undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data?.fieldErrors ?? {})) if (v?.[0]) out[k] = v[0];
  if (data?.field) out[data.field] = error.message;
  return out;
}

export function errorMessage(error: unknown): string | null {
  if (!error) return null;
  if (error instanceof TRPCClientError && (error.data as { fieldErrors?: unknown } | undefined)?.fieldErrors) return "Please correct the fields marked below.";
  return error instanceof Error ? error.message : "Something went wrong.";
}
