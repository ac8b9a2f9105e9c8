import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";

/** A record page's query: a missing record, or an id that cannot be one, renders the segment's not-found state. */
export async function orNotFound<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) notFound();
    throw err;
  }
}
