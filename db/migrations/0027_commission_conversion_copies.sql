DROP INDEX "commissions_partner_occurred_idx";--> statement-breakpoint
ALTER TABLE "commissions" ADD COLUMN "conversion_program_id" text;--> statement-breakpoint
ALTER TABLE "commissions" ADD COLUMN "conversion_event" text;--> statement-breakpoint
ALTER TABLE "commissions" ADD COLUMN "conversion_amount" bigint;--> statement-breakpoint
-- hand-written from here: a commission carries copies of its conversion's program, event type and amount, so that
-- a tier's monthly volume (readContexts in server/commissions/quote.ts) is counted from the partner's index alone
-- instead of reading every conversion the partner was credited with that month. A conversion's program, event and
-- amount never change after insert, so the copy taken when the commission is written stays true.
-- First the commissions already there, before the index is built:
UPDATE "commissions" c SET "conversion_program_id" = v.program_id, "conversion_event" = v.event, "conversion_amount" = v.amount
FROM "conversions" v WHERE v.id = c.conversion_id;--> statement-breakpoint
-- Then every commission written from now on, whichever code writes it (accrual, overrides, an import):
CREATE FUNCTION commissions_conversion_copies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT v.program_id, v.event, v.amount INTO NEW.conversion_program_id, NEW.conversion_event, NEW.conversion_amount
  FROM conversions v WHERE v.id = NEW.conversion_id;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER commissions_conversion_copies BEFORE INSERT ON "commissions"
FOR EACH ROW WHEN (NEW.conversion_id IS NOT NULL) EXECUTE FUNCTION commissions_conversion_copies();--> statement-breakpoint
CREATE INDEX "commissions_partner_occurred_idx" ON "commissions" USING btree ("partner_id","occurred_at","id","kind","conversion_program_id","conversion_event","conversion_id","conversion_amount");
