ALTER TABLE "commissions" ADD COLUMN "occurred_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "commissions_occurred_idx" ON "commissions" USING btree ("occurred_at","id");--> statement-breakpoint
CREATE INDEX "commissions_partner_occurred_idx" ON "commissions" USING btree ("partner_id","occurred_at","id");--> statement-breakpoint
-- hand-written: backfill each existing commission's date from its conversion (settlements keep their accrual time)
UPDATE "commissions" SET "occurred_at" = "conversions"."occurred_at" FROM "conversions" WHERE "conversions"."id" = "commissions"."conversion_id";--> statement-breakpoint
UPDATE "commissions" SET "occurred_at" = "created_at" WHERE "conversion_id" IS NULL;
