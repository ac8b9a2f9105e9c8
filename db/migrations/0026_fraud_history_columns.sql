DROP INDEX "clicks_partner_id_idx";--> statement-breakpoint
DROP INDEX "conversions_partner_id_idx";--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "refunded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "charged_back_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "followed_at" timestamp with time zone;--> statement-breakpoint
-- hand-written from here: the fraud rules' partner history reads one index instead of each sale's reversals and
-- each registration's deposits. A conversion's refunded_at and charged_back_at are the earliest refund and
-- chargeback of its offer and txn_id; a registration's followed_at is its customer's first FTD or deposit in the
-- program at or after it. Triggers keep them in the same transaction as the insert, whichever side comes first (a
-- refund may be reported before its sale); the reported facts never change after insert, so inserts are all they see.
-- Two inserts racing each other in separate transactions can each miss the other (neither sees the other's
-- uncommitted row; a lock per row would fill the lock table on a bulk import): processing the reversal, FTD or
-- deposit applies it again once both have committed (healHistoryColumns in server/fraud/load-history.ts).
-- First the rows already there:
UPDATE "conversions" s SET "refunded_at" = r.refunded, "charged_back_at" = r.charged_back
FROM (
  SELECT offer_id, txn_id, min(occurred_at) FILTER (WHERE event = 'refund') AS refunded, min(occurred_at) FILTER (WHERE event = 'chargeback') AS charged_back
  FROM "conversions" WHERE event IN ('refund', 'chargeback') GROUP BY offer_id, txn_id
) r
WHERE s.offer_id = r.offer_id AND s.txn_id = r.txn_id AND s.event NOT IN ('refund', 'chargeback');--> statement-breakpoint
UPDATE "conversions" g SET "followed_at" = (
  SELECT min(d.occurred_at) FROM "conversions" d
  WHERE d.program_id = g.program_id AND d.customer_id = g.customer_id AND d.event IN ('ftd', 'deposit') AND d.occurred_at >= g.occurred_at
)
WHERE g.event = 'registration' AND g.customer_id IS NOT NULL;--> statement-breakpoint
-- A new conversion learns what was reported before it: a sale its transaction's reversals, a registration its
-- customer's later deposits.
CREATE FUNCTION conversions_history_before_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.event = 'registration' THEN
    IF NEW.customer_id IS NOT NULL THEN
      SELECT min(occurred_at) INTO NEW.followed_at FROM conversions
      WHERE program_id = NEW.program_id AND customer_id = NEW.customer_id AND event IN ('ftd', 'deposit') AND occurred_at >= NEW.occurred_at;
    END IF;
  END IF;
  SELECT min(occurred_at) FILTER (WHERE event = 'refund'), min(occurred_at) FILTER (WHERE event = 'chargeback')
    INTO NEW.refunded_at, NEW.charged_back_at
  FROM conversions WHERE offer_id = NEW.offer_id AND txn_id = NEW.txn_id AND event IN ('refund', 'chargeback');
  RETURN NEW;
END;
$$;--> statement-breakpoint
-- ... and a reversal, FTD or deposit tells the conversions reported before it.
CREATE FUNCTION conversions_history_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.event = 'refund' THEN
    UPDATE conversions SET refunded_at = NEW.occurred_at
    WHERE offer_id = NEW.offer_id AND txn_id = NEW.txn_id AND event NOT IN ('refund', 'chargeback') AND (refunded_at IS NULL OR refunded_at > NEW.occurred_at);
  ELSIF NEW.event = 'chargeback' THEN
    UPDATE conversions SET charged_back_at = NEW.occurred_at
    WHERE offer_id = NEW.offer_id AND txn_id = NEW.txn_id AND event NOT IN ('refund', 'chargeback') AND (charged_back_at IS NULL OR charged_back_at > NEW.occurred_at);
  ELSIF NEW.customer_id IS NOT NULL THEN
    UPDATE conversions SET followed_at = NEW.occurred_at
    WHERE program_id = NEW.program_id AND customer_id = NEW.customer_id AND event = 'registration' AND occurred_at <= NEW.occurred_at
      AND (followed_at IS NULL OR followed_at > NEW.occurred_at);
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER conversions_history_before_insert BEFORE INSERT ON conversions
  FOR EACH ROW WHEN (NEW.event NOT IN ('refund', 'chargeback')) EXECUTE FUNCTION conversions_history_before_insert();--> statement-breakpoint
CREATE TRIGGER conversions_history_after_insert AFTER INSERT ON conversions
  FOR EACH ROW WHEN (NEW.event IN ('refund', 'chargeback', 'ftd', 'deposit')) EXECUTE FUNCTION conversions_history_after_insert();--> statement-breakpoint
CREATE INDEX "clicks_partner_id_idx" ON "clicks" USING btree ("partner_id","created_at","offer_id");--> statement-breakpoint
CREATE INDEX "conversions_partner_id_idx" ON "conversions" USING btree ("partner_id","occurred_at","offer_id","program_id","event","amount","attribution_status","refunded_at","charged_back_at","followed_at","customer_id","id");
