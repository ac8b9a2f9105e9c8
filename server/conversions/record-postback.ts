import { createHash, timingSafeEqual } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { newId } from "@/db/ids";
import { clicks, conversions, offers, outboxEvents, programs } from "@/db/schema";
import { parseAmount } from "@/server/money/parse-amount";
import { conversionRecorded } from "@/server/jobs/events";
import { pickPostbackParams, postbackInput } from "./postback-input";

export type PostbackResult =
  | { ok: true; status: "accepted"; conversionId: string; outboxId: string }
  | { ok: true; status: "duplicate"; conversionId: string }
  | { ok: false; httpStatus: 400 | 401 | 404 | 409; error: string; message: string };

const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

const fail = (httpStatus: 400 | 401 | 404 | 409, error: string, message: string): PostbackResult => ({
  ok: false,
  httpStatus,
  error,
  message,
});

/**
 * Records one reported conversion. The conversion and the outbox event that announces it are written in
 * one transaction; a replay of the same (offer, event, txn_id) answers `duplicate` with the original id.
 */
export async function recordPostback(db: Db, raw: Record<string, unknown>, now = new Date()): Promise<PostbackResult> {
  const params = pickPostbackParams(raw);
  const parsed = postbackInput.safeParse(params);
  if (!parsed.success) {
    return fail(400, "invalid_request", parsed.error.issues.map((i) => i.message).join("; "));
  }
  const input = parsed.data;

  const tokenHash = hashToken(input.token);
  const [program] = await db
    .select({ id: programs.id, hash: programs.postbackTokenHash })
    .from(programs)
    .where(eq(programs.postbackTokenHash, tokenHash))
    .limit(1);
  if (!program || !timingSafeEqual(Buffer.from(program.hash), Buffer.from(tokenHash))) {
    return fail(401, "invalid_token", "token is not valid for any program");
  }

  const [click] = await db
    .select({ id: clicks.id, offerId: clicks.offerId, currency: offers.currency })
    .from(clicks)
    .innerJoin(offers, eq(offers.id, clicks.offerId))
    .where(and(eq(clicks.id, input.click_id), eq(offers.programId, program.id)))
    .limit(1);
  if (!click) return fail(404, "unknown_click", `click_id "${input.click_id}" is unknown`);

  let amount: number | null = null;
  let currency: string | null = null;
  if (input.amount !== undefined) {
    currency = input.currency ?? click.currency;
    const a = parseAmount(input.amount, currency);
    if (!a.ok) return fail(400, "invalid_amount", a.message);
    amount = a.minor;
  } else if (input.currency !== undefined) {
    return fail(400, "invalid_request", "currency was sent without an amount");
  }
  const occurredAt = input.occurred_at ? new Date(input.occurred_at) : now;
  if (occurredAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    return fail(400, "invalid_request", "occurred_at is in the future");
  }

  return db.transaction(async (tx) => {
    const conversionId = newId("conversion", now.getTime());
    const inserted = await tx
      .insert(conversions)
      .values({
        id: conversionId,
        programId: program.id,
        offerId: click.offerId,
        clickId: click.id,
        event: input.event,
        txnId: input.txn_id,
        amount,
        currency,
        occurredAt,
        params: { ...params, token: "[redacted]" },
        createdAt: now,
      })
      .onConflictDoNothing({ target: [conversions.offerId, conversions.event, conversions.txnId] })
      .returning({ id: conversions.id });

    if (inserted.length === 0) {
      const [existing] = await tx
        .select({ id: conversions.id, amount: conversions.amount, currency: conversions.currency })
        .from(conversions)
        .where(
          and(eq(conversions.offerId, click.offerId), eq(conversions.event, input.event), eq(conversions.txnId, input.txn_id)),
        );
      if (!existing) throw new Error("conversion conflict without a row");
      if (existing.amount !== amount || existing.currency !== currency) {
        return fail(409, "txn_conflict", `txn_id "${input.txn_id}" was already reported for ${input.event} with a different amount`);
      }
      return { ok: true, status: "duplicate", conversionId: existing.id } as const;
    }

    const outboxId = newId("outboxEvent", now.getTime());
    const event = conversionRecorded.create({ conversionId });
    await tx.insert(outboxEvents).values({ id: outboxId, name: event.name, data: event.data, createdAt: now, availableAt: now });
    return { ok: true, status: "accepted", conversionId, outboxId } as const;
  });
}
