CREATE TABLE "kpi_settlements" (
	"id" text PRIMARY KEY NOT NULL,
	"program_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"plan_version_id" text NOT NULL,
	"period" text NOT NULL,
	"currency" char(3) NOT NULL,
	"passed" boolean NOT NULL,
	"measured" jsonb NOT NULL,
	"amount" bigint NOT NULL,
	"summary" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payout_defaults" (
	"id" text PRIMARY KEY DEFAULT 'default' NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "conversions_offer_event_txn_uq";--> statement-breakpoint
DROP INDEX "payout_batches_period_uq";--> statement-breakpoint
ALTER TABLE "programs" ALTER COLUMN "payout_settings" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "programs" ALTER COLUMN "payout_settings" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "refund_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "commissions" ADD COLUMN "kpi_settlement_id" text;--> statement-breakpoint
ALTER TABLE "payout_batches" ADD COLUMN "program_id" text;--> statement-breakpoint
ALTER TABLE "kpi_settlements" ADD CONSTRAINT "kpi_settlements_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_settlements" ADD CONSTRAINT "kpi_settlements_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_settlements" ADD CONSTRAINT "kpi_settlements_plan_version_id_commission_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."commission_plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "kpi_settlements_partner_version_period_uq" ON "kpi_settlements" USING btree ("partner_id","plan_version_id","period");--> statement-breakpoint
CREATE INDEX "kpi_settlements_program_idx" ON "kpi_settlements" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "kpi_settlements_version_idx" ON "kpi_settlements" USING btree ("plan_version_id");--> statement-breakpoint
ALTER TABLE "commissions" ADD CONSTRAINT "commissions_kpi_settlement_id_kpi_settlements_id_fk" FOREIGN KEY ("kpi_settlement_id") REFERENCES "public"."kpi_settlements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_batches" ADD CONSTRAINT "payout_batches_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "conversions_offer_event_txn_refund_uq" ON "conversions" USING btree ("offer_id","event","txn_id","refund_id");--> statement-breakpoint
CREATE UNIQUE INDEX "commissions_kpi_settlement_uq" ON "commissions" USING btree ("kpi_settlement_id") WHERE "commissions"."kind" = 'kpi';--> statement-breakpoint
CREATE INDEX "payout_batches_program_idx" ON "payout_batches" USING btree ("program_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_batches_period_uq" ON "payout_batches" USING btree ("currency","period",coalesce("program_id", '')) WHERE "payout_batches"."period" is not null;--> statement-breakpoint
-- Until now one setting was written to every program; it becomes the operator's default, and every program inherits it.
INSERT INTO "payout_defaults" ("id", "settings") SELECT 'default', "payout_settings" FROM "programs" WHERE "payout_settings" IS NOT NULL ORDER BY "created_at" LIMIT 1;--> statement-breakpoint
UPDATE "programs" SET "payout_settings" = NULL;
