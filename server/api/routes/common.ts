import { eq, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Principal } from "../define";
import { ApiError } from "../problem";

export const entityId = z.string().min(1).max(64);
export const dateTime = z.iso.datetime({ offset: true });
/** Integer minor units (cents) with the ISO 4217 currency beside them. */
export const minor = z.number().int().meta({ description: "Integer minor units (e.g. cents) of `currency`." });
export const currencyCode = z.string().length(3).meta({ description: "ISO 4217 code." });

/** A program-scoped key sees one program's rows only: this condition goes into the query, not after it. */
export function inKeyProgram(principal: Principal, column: PgColumn): SQL | undefined {
  return principal.kind === "key" && principal.programId ? eq(column, principal.programId) : undefined;
}

export function notFound(what: string): never {
  throw new ApiError(404, "not_found", `${what} not found.`);
}

/** JSON dates: drizzle gives Date objects, the API answers ISO 8601 strings. */
export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
