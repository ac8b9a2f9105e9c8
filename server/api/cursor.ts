import { and, desc, gte, lt, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { encodeTime } from "ulid";
import { z } from "zod";
import { ApiError } from "./problem";

/** Query parameters every list takes: an opaque cursor, a page size and a creation-time window. */
export const listQuery = z.object({
  cursor: z.string().max(200).optional().meta({ description: "The `nextCursor` of the previous page." }),
  limit: z.coerce.number().int().min(1).max(100).default(25).meta({ description: "Items per page, 1 to 100." }),
  createdAfter: z.iso.datetime({ offset: true }).optional().meta({ description: "Only items created at or after this instant (ISO 8601)." }),
  createdBefore: z.iso.datetime({ offset: true }).optional().meta({ description: "Only items created before this instant (ISO 8601)." }),
});
export type ListQuery = z.infer<typeof listQuery>;

export const page = <T extends z.ZodType>(item: T, id: string) => z.object({ data: z.array(item), nextCursor: z.string().nullable() }).meta({ id });

/*
 * Pages run newest first by id. Ids are ULIDs whose leading part is the creation time (db/ids.ts), so id order
 * is (created_at, id) order without the microseconds a JS Date would lose in a cursor, and the primary key
 * index serves it.
 */
function decode(cursor: string): string {
  const id = Buffer.from(cursor, "base64url").toString("utf8");
  if (!/^[a-z]{2,5}_[0-9a-hjkmnp-tv-z]{26}$/.test(id))
    throw new ApiError(400, "invalid_cursor", "This cursor is not valid: pass the nextCursor of a previous page.", [{ field: "cursor", message: "Not a cursor of this API" }]);
  return id;
}

const encode = (id: string) => Buffer.from(id).toString("base64url");

/** The WHERE part of a newest-first page, with the creation-time window. */
export function keyset(createdAt: PgColumn, id: PgColumn, q: ListQuery): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (q.createdAfter) parts.push(gte(createdAt, new Date(q.createdAfter)));
  if (q.createdBefore) parts.push(lt(createdAt, new Date(q.createdBefore)));
  if (q.cursor) parts.push(lt(id, decode(q.cursor)));
  return and(...parts);
}

/** Slack between the instant in an id and its row's created_at: the writer stamps created_at a moment after making the id. */
const ID_SLACK_MS = 86_400_000;
const idAt = (prefix: string, ms: number) => `${prefix}_${encodeTime(Math.min(2 ** 48 - 1, Math.max(0, ms)), 10).toLowerCase()}`;

/**
 * The creation-time window again as bounds on the id, for a large table whose ids are made at the row's creation
 * time (clicks; db/click-partitions.ts relies on the same). Without them a window far from the newest rows is
 * found by walking the primary key down from the top, filtering as it goes (180 ms for a 7-day window 40 days
 * back in 1,000,000 clicks); with them the walk starts a day from the window, and PostgreSQL can weigh a
 * partner's or an offer's own index against it.
 */
export function idWindow(id: PgColumn, prefix: string, q: ListQuery): SQL | undefined {
  return and(
    q.createdAfter ? gte(id, idAt(prefix, Date.parse(q.createdAfter) - ID_SLACK_MS)) : undefined,
    q.createdBefore ? lt(id, idAt(prefix, Date.parse(q.createdBefore) + ID_SLACK_MS)) : undefined,
  );
}

export const newestFirst = (id: PgColumn) => [desc(id)];

/** Cuts the `limit + 1` rows a page query fetched into the page and the cursor of the next one. */
export function paged<T extends { id: string }>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept.at(-1);
  return { rows: kept, nextCursor: more && last ? encode(last.id) : null };
}
