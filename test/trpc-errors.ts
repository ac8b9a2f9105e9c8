import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { ZodError } from "zod";
import { DomainError } from "@/server/errors";

/** Awaits a call that must fail with this tRPC code; returns the error. */
export async function expectCode(p: Promise<unknown>, code: TRPCError["code"]): Promise<TRPCError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  expect((err as TRPCError).code).toBe(code);
  return err as TRPCError;
}

/** The per-field messages a form shows for this error: zod's, or the one field a domain error names. */
export function fieldErrorsOf(err: TRPCError): Record<string, string | undefined> {
  if (err.cause instanceof ZodError) return Object.fromEntries(Object.entries(err.cause.flatten().fieldErrors).map(([k, v]) => [k, (v as string[] | undefined)?.[0]]));
  if (err.cause instanceof DomainError && err.cause.field) return { [err.cause.field]: err.message };
  return {};
}
