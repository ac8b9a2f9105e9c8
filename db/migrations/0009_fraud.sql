CREATE TABLE "click_fraud_findings" (
	"click_id" text PRIMARY KEY NOT NULL,
	"offer_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"link_id" text NOT NULL,
	"click_at" timestamp with time zone NOT NULL,
	"score" integer NOT NULL,
	"action" text NOT NULL,
	"hits" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fraud_appeals" (
	"id" text PRIMARY KEY NOT NULL,
	"check_id" text NOT NULL,
	"conversion_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"message" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"reply" text,
	"replied_by" text,
	"replied_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fraud_blocks" (
	"id" text PRIMARY KEY NOT NULL,
	"program_id" text NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"partner_id" text,
	"reason" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text
);
--> statement-breakpoint
CREATE TABLE "fraud_checks" (
	"id" text PRIMARY KEY NOT NULL,
	"conversion_id" text NOT NULL,
	"program_id" text NOT NULL,
	"offer_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"click_id" text,
	"score" integer NOT NULL,
	"action" text NOT NULL,
	"hits" jsonb NOT NULL,
	"summary" text NOT NULL,
	"facts" jsonb NOT NULL,
	"thresholds" jsonb NOT NULL,
	"review_status" text NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fraud_offer_settings" (
	"offer_id" text PRIMARY KEY NOT NULL,
	"program_id" text NOT NULL,
	"overrides" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"allowed_countries" text[] DEFAULT '{}' NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fraud_program_settings" (
	"program_id" text PRIMARY KEY NOT NULL,
	"overrides" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fraud_scan_cursors" (
	"name" text PRIMARY KEY NOT NULL,
	"last_id" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "clicks_offer_id_idx";--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "customer_ip" "inet";--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "customer_email_hash" text;--> statement-breakpoint
ALTER TABLE "click_fraud_findings" ADD CONSTRAINT "click_fraud_findings_click_id_clicks_id_fk" FOREIGN KEY ("click_id") REFERENCES "public"."clicks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "click_fraud_findings" ADD CONSTRAINT "click_fraud_findings_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "click_fraud_findings" ADD CONSTRAINT "click_fraud_findings_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "click_fraud_findings" ADD CONSTRAINT "click_fraud_findings_link_id_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_appeals" ADD CONSTRAINT "fraud_appeals_check_id_fraud_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."fraud_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_appeals" ADD CONSTRAINT "fraud_appeals_conversion_id_conversions_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."conversions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_appeals" ADD CONSTRAINT "fraud_appeals_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_appeals" ADD CONSTRAINT "fraud_appeals_replied_by_users_id_fk" FOREIGN KEY ("replied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_blocks" ADD CONSTRAINT "fraud_blocks_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_blocks" ADD CONSTRAINT "fraud_blocks_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_blocks" ADD CONSTRAINT "fraud_blocks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_blocks" ADD CONSTRAINT "fraud_blocks_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_checks" ADD CONSTRAINT "fraud_checks_conversion_id_conversions_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."conversions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_checks" ADD CONSTRAINT "fraud_checks_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_checks" ADD CONSTRAINT "fraud_checks_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_checks" ADD CONSTRAINT "fraud_checks_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_checks" ADD CONSTRAINT "fraud_checks_click_id_clicks_id_fk" FOREIGN KEY ("click_id") REFERENCES "public"."clicks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_checks" ADD CONSTRAINT "fraud_checks_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_offer_settings" ADD CONSTRAINT "fraud_offer_settings_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_offer_settings" ADD CONSTRAINT "fraud_offer_settings_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_offer_settings" ADD CONSTRAINT "fraud_offer_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_program_settings" ADD CONSTRAINT "fraud_program_settings_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_program_settings" ADD CONSTRAINT "fraud_program_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "click_fraud_findings_partner_idx" ON "click_fraud_findings" USING btree ("partner_id","click_at");--> statement-breakpoint
CREATE INDEX "click_fraud_findings_offer_idx" ON "click_fraud_findings" USING btree ("offer_id","click_at");--> statement-breakpoint
CREATE INDEX "click_fraud_findings_link_idx" ON "click_fraud_findings" USING btree ("link_id");--> statement-breakpoint
CREATE INDEX "fraud_appeals_check_idx" ON "fraud_appeals" USING btree ("check_id","created_at");--> statement-breakpoint
CREATE INDEX "fraud_appeals_partner_idx" ON "fraud_appeals" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "fraud_appeals_conversion_idx" ON "fraud_appeals" USING btree ("conversion_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fraud_appeals_open_uq" ON "fraud_appeals" USING btree ("conversion_id") WHERE "fraud_appeals"."status" = 'open';--> statement-breakpoint
CREATE INDEX "fraud_blocks_program_live_idx" ON "fraud_blocks" USING btree ("program_id") WHERE "fraud_blocks"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "fraud_blocks_partner_idx" ON "fraud_blocks" USING btree ("partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fraud_checks_conversion_uq" ON "fraud_checks" USING btree ("conversion_id");--> statement-breakpoint
CREATE INDEX "fraud_checks_review_idx" ON "fraud_checks" USING btree ("review_status","created_at");--> statement-breakpoint
CREATE INDEX "fraud_checks_partner_idx" ON "fraud_checks" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "fraud_checks_program_idx" ON "fraud_checks" USING btree ("program_id","created_at");--> statement-breakpoint
CREATE INDEX "fraud_checks_click_idx" ON "fraud_checks" USING btree ("click_id");--> statement-breakpoint
CREATE INDEX "fraud_offer_settings_program_idx" ON "fraud_offer_settings" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "clicks_offer_created_idx" ON "clicks" USING btree ("offer_id","created_at");--> statement-breakpoint
CREATE INDEX "conversions_customer_ip_idx" ON "conversions" USING btree ("customer_ip","occurred_at") WHERE "conversions"."customer_ip" is not null;--> statement-breakpoint
-- Fraud evidence is never deleted: held and rejected conversions keep their reasons, lifted blocks and answered
-- appeals keep their history. Updates stay allowed (review decisions, revoking a block, answering an appeal).
CREATE FUNCTION fraud_records_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% keeps its history: DELETE is not allowed', TG_TABLE_NAME;
END;
$$;--> statement-breakpoint
CREATE TRIGGER fraud_checks_no_delete BEFORE DELETE ON fraud_checks FOR EACH ROW EXECUTE FUNCTION fraud_records_no_delete();--> statement-breakpoint
CREATE TRIGGER click_fraud_findings_no_delete BEFORE DELETE ON click_fraud_findings FOR EACH ROW EXECUTE FUNCTION fraud_records_no_delete();--> statement-breakpoint
CREATE TRIGGER fraud_blocks_no_delete BEFORE DELETE ON fraud_blocks FOR EACH ROW EXECUTE FUNCTION fraud_records_no_delete();--> statement-breakpoint
CREATE TRIGGER fraud_appeals_no_delete BEFORE DELETE ON fraud_appeals FOR EACH ROW EXECUTE FUNCTION fraud_records_no_delete();
