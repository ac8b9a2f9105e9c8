CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"href" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "partner_payout_details" (
	"partner_id" text PRIMARY KEY NOT NULL,
	"method" text NOT NULL,
	"details" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commission_plan_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"version" integer NOT NULL,
	"terms" jsonb NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"note" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commission_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"program_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ngr_settlements" (
	"id" text PRIMARY KEY NOT NULL,
	"program_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"plan_version_id" text NOT NULL,
	"month" text NOT NULL,
	"currency" char(3) NOT NULL,
	"customer_count" integer NOT NULL,
	"ngr_total" bigint NOT NULL,
	"carry_in" bigint NOT NULL,
	"base" bigint NOT NULL,
	"commission" bigint NOT NULL,
	"carry_out" bigint NOT NULL,
	"statement" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_assignments" (
	"id" text PRIMARY KEY NOT NULL,
	"program_id" text NOT NULL,
	"partner_id" text,
	"offer_id" text,
	"plan_id" text NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"note" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payout_batch_partners" (
	"batch_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"method" text NOT NULL,
	"details" jsonb NOT NULL,
	CONSTRAINT "payout_batch_partners_batch_id_partner_id_pk" PRIMARY KEY("batch_id","partner_id")
);
--> statement-breakpoint
DROP INDEX "payout_batch_items_commission_uq";--> statement-breakpoint
DROP INDEX "commissions_conversion_partner_uq";--> statement-breakpoint
DROP INDEX "payout_batch_items_batch_idx";--> statement-breakpoint
ALTER TABLE "commissions" ALTER COLUMN "conversion_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "payout_batch_items" ALTER COLUMN "commission_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "payout_batches" ALTER COLUMN "created_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "parent_partner_id" text;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "qualification" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "hold_days" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "auto_approve" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "payout_settings" jsonb DEFAULT '{"schedule":{"frequency":"monthly","day":1},"thresholds":{}}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "commission_note" text;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "fraud_status" text DEFAULT 'clear' NOT NULL;--> statement-breakpoint
ALTER TABLE "commissions" ADD COLUMN "kind" text DEFAULT 'event' NOT NULL;--> statement-breakpoint
ALTER TABLE "commissions" ADD COLUMN "plan_version_id" text;--> statement-breakpoint
ALTER TABLE "commissions" ADD COLUMN "lines" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "commissions" ADD COLUMN "hold_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "commissions" ADD COLUMN "override_of" text;--> statement-breakpoint
ALTER TABLE "commissions" ADD COLUMN "level" integer;--> statement-breakpoint
ALTER TABLE "commissions" ADD COLUMN "settlement_id" text;--> statement-breakpoint
ALTER TABLE "payout_batch_items" ADD COLUMN "ledger_entry_id" text;--> statement-breakpoint
-- a batch item now names the approved-balance entry it pays: for existing items, their commission's approval
UPDATE "payout_batch_items" i SET "ledger_entry_id" = (
  SELECT le.id FROM "ledger_entries" le
  WHERE le.commission_id = i.commission_id AND le.type = 'approval' AND le.bucket = 'approved'
);--> statement-breakpoint
ALTER TABLE "payout_batch_items" ALTER COLUMN "ledger_entry_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "payout_batch_items" ADD COLUMN "released_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payout_batches" ADD COLUMN "failure_reason" text;--> statement-breakpoint
ALTER TABLE "payout_batches" ADD COLUMN "period" text;--> statement-breakpoint
ALTER TABLE "payout_batches" ADD COLUMN "scheduled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "payout_batches" ADD COLUMN "approved_by" text;--> statement-breakpoint
ALTER TABLE "payout_batches" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payout_batches" ADD COLUMN "failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_payout_details" ADD CONSTRAINT "partner_payout_details_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_plan_versions" ADD CONSTRAINT "commission_plan_versions_plan_id_commission_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."commission_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_plan_versions" ADD CONSTRAINT "commission_plan_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_plans" ADD CONSTRAINT "commission_plans_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ngr_settlements" ADD CONSTRAINT "ngr_settlements_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ngr_settlements" ADD CONSTRAINT "ngr_settlements_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ngr_settlements" ADD CONSTRAINT "ngr_settlements_plan_version_id_commission_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."commission_plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_assignments" ADD CONSTRAINT "plan_assignments_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_assignments" ADD CONSTRAINT "plan_assignments_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_assignments" ADD CONSTRAINT "plan_assignments_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_assignments" ADD CONSTRAINT "plan_assignments_plan_id_commission_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."commission_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_assignments" ADD CONSTRAINT "plan_assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_batch_partners" ADD CONSTRAINT "payout_batch_partners_batch_id_payout_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."payout_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_batch_partners" ADD CONSTRAINT "payout_batch_partners_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_partner_idx" ON "notifications" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "commission_plan_versions_plan_version_uq" ON "commission_plan_versions" USING btree ("plan_id","version");--> statement-breakpoint
CREATE INDEX "commission_plan_versions_effective_idx" ON "commission_plan_versions" USING btree ("plan_id","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "commission_plans_program_name_uq" ON "commission_plans" USING btree ("program_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "ngr_settlements_partner_month_uq" ON "ngr_settlements" USING btree ("program_id","partner_id","currency","month");--> statement-breakpoint
CREATE INDEX "plan_assignments_scope_idx" ON "plan_assignments" USING btree ("program_id","partner_id","offer_id","effective_from");--> statement-breakpoint
CREATE INDEX "plan_assignments_plan_idx" ON "plan_assignments" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_assignments_scope_time_uq" ON "plan_assignments" USING btree ("program_id",coalesce("partner_id", ''),coalesce("offer_id", ''),"effective_from");--> statement-breakpoint
CREATE INDEX "payout_batch_partners_partner_idx" ON "payout_batch_partners" USING btree ("partner_id");--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_parent_partner_id_partners_id_fk" FOREIGN KEY ("parent_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissions" ADD CONSTRAINT "commissions_plan_version_id_commission_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."commission_plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissions" ADD CONSTRAINT "commissions_settlement_id_ngr_settlements_id_fk" FOREIGN KEY ("settlement_id") REFERENCES "public"."ngr_settlements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_batch_items" ADD CONSTRAINT "payout_batch_items_ledger_entry_id_ledger_entries_id_fk" FOREIGN KEY ("ledger_entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_batches" ADD CONSTRAINT "payout_batches_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversions_offer_txn_idx" ON "conversions" USING btree ("offer_id","txn_id");--> statement-breakpoint
CREATE UNIQUE INDEX "commissions_override_uq" ON "commissions" USING btree ("override_of","partner_id") WHERE "commissions"."kind" = 'override';--> statement-breakpoint
CREATE UNIQUE INDEX "commissions_settlement_uq" ON "commissions" USING btree ("settlement_id","partner_id") WHERE "commissions"."kind" = 'settlement';--> statement-breakpoint
CREATE INDEX "commissions_conversion_idx" ON "commissions" USING btree ("conversion_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_batch_items_entry_uq" ON "payout_batch_items" USING btree ("ledger_entry_id") WHERE "payout_batch_items"."released_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "payout_batches_period_uq" ON "payout_batches" USING btree ("currency","period") WHERE "payout_batches"."period" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "commissions_conversion_partner_uq" ON "commissions" USING btree ("conversion_id","partner_id","attribution_version") WHERE "commissions"."kind" = 'event';--> statement-breakpoint
CREATE INDEX "payout_batch_items_batch_idx" ON "payout_batch_items" USING btree ("batch_id","partner_id");--> statement-breakpoint
-- existing batches get one line per partner; nobody had payout details before this migration
INSERT INTO "payout_batch_partners" ("batch_id", "partner_id", "amount", "currency", "method", "details")
SELECT i.batch_id, i.partner_id, sum(i.amount), min(i.currency), 'other', '{"method":"other","instructions":"Paid before payout details were recorded"}'::jsonb
FROM "payout_batch_items" i GROUP BY i.batch_id, i.partner_id;--> statement-breakpoint
-- every offer's flat CPA becomes its default plan, in force since the beginning, so nothing earned changes
INSERT INTO "commission_plans" ("id", "program_id", "name", "description")
SELECT 'pln_' || substr(o.id, 5), o.program_id,
  o.name || ' default' || CASE WHEN row_number() OVER (PARTITION BY o.program_id, o.name ORDER BY o.id) > 1 THEN ' ' || row_number() OVER (PARTITION BY o.program_id, o.name ORDER BY o.id) ELSE '' END,
  'The offer''s CPA before commission plans existed'
FROM "offers" o;--> statement-breakpoint
INSERT INTO "commission_plan_versions" ("id", "plan_id", "version", "terms", "effective_from", "note")
SELECT 'plv_' || substr(o.id, 5), 'pln_' || substr(o.id, 5), 1,
  jsonb_build_object('currency', o.currency, 'components', jsonb_build_object('cpa', jsonb_build_object('event', o.commission_event, 'amount', o.cpa_amount::text))),
  '1970-01-01T00:00:00Z', 'Created from the offer''s CPA'
FROM "offers" o;--> statement-breakpoint
INSERT INTO "plan_assignments" ("id", "program_id", "partner_id", "offer_id", "plan_id", "effective_from", "note")
SELECT 'pla_' || substr(o.id, 5), o.program_id, NULL, o.id, 'pln_' || substr(o.id, 5), '1970-01-01T00:00:00Z', 'The offer''s default plan'
FROM "offers" o;--> statement-breakpoint
UPDATE "commissions" c SET "plan_version_id" = 'plv_' || substr(c.offer_id, 5);--> statement-breakpoint
ALTER TABLE "offers" DROP COLUMN "commission_event";--> statement-breakpoint
ALTER TABLE "offers" DROP COLUMN "cpa_amount";--> statement-breakpoint
-- plan versions and assignments are history: a change is a new row, never an edit
CREATE FUNCTION plan_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
END;
$$;--> statement-breakpoint
CREATE TRIGGER commission_plan_versions_no_update_delete
  BEFORE UPDATE OR DELETE ON commission_plan_versions
  FOR EACH ROW EXECUTE FUNCTION plan_history_append_only();--> statement-breakpoint
CREATE TRIGGER plan_assignments_no_update_delete
  BEFORE UPDATE OR DELETE ON plan_assignments
  FOR EACH ROW EXECUTE FUNCTION plan_history_append_only();