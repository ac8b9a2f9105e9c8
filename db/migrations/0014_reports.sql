CREATE TABLE "report_dirty" (
	"entity" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_dirty_entity_pk" PRIMARY KEY("entity")
);
--> statement-breakpoint
CREATE TABLE "report_folded" (
	"entity" text PRIMARY KEY NOT NULL,
	"facts" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_rollups" (
	"grain" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"program_id" text NOT NULL,
	"offer_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"link_id" text NOT NULL,
	"d1" text NOT NULL,
	"d2" text NOT NULL,
	"event" text NOT NULL,
	"currency" text NOT NULL,
	"clicks" bigint DEFAULT 0 NOT NULL,
	"unique_clicks" bigint DEFAULT 0 NOT NULL,
	"conversions" bigint DEFAULT 0 NOT NULL,
	"revenue" bigint DEFAULT 0 NOT NULL,
	"commission_pending" bigint DEFAULT 0 NOT NULL,
	"commission_approved" bigint DEFAULT 0 NOT NULL,
	"commission_paid" bigint DEFAULT 0 NOT NULL,
	"commission_reversed" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_state" (
	"id" text PRIMARY KEY NOT NULL,
	"clicks_xmin" "xid8" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_views" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"scope" text NOT NULL,
	"name" text NOT NULL,
	"query" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clicks" ADD COLUMN "txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "report_views" ADD CONSTRAINT "report_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_rollups_key_uq" ON "report_rollups" USING btree ("grain","bucket","program_id","offer_id","partner_id","link_id","d1","d2","event","currency");--> statement-breakpoint
CREATE INDEX "report_rollups_partner_idx" ON "report_rollups" USING btree ("grain","partner_id","bucket");--> statement-breakpoint
CREATE INDEX "report_views_user_idx" ON "report_views" USING btree ("user_id","scope");--> statement-breakpoint
CREATE UNIQUE INDEX "report_views_user_name_uq" ON "report_views" USING btree ("user_id","scope","name");--> statement-breakpoint
CREATE INDEX "clicks_txid_idx" ON "clicks" USING btree ("txid");--> statement-breakpoint
-- hand-written: report rollups learn which conversions changed from these triggers, in the same transaction as the
-- change (an attribution, a fraud decision, a commission accrued, approved, paid or reversed). One row per entity:
-- the conversion, or the commission itself when it has none (NGR settlements). Statement-level, so a payout batch
-- writing thousands of ledger entries adds one INSERT ... SELECT, not one per row.
CREATE FUNCTION report_mark_conversions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty (entity) SELECT DISTINCT id FROM new_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION report_mark_commissions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty (entity) SELECT DISTINCT coalesce(conversion_id, id) FROM new_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION report_mark_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_dirty (entity)
    SELECT DISTINCT coalesce(c.conversion_id, c.id) FROM new_rows n JOIN commissions c ON c.id = n.commission_id
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER conversions_report_insert AFTER INSERT ON conversions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_conversions();--> statement-breakpoint
CREATE TRIGGER conversions_report_update AFTER UPDATE ON conversions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_conversions();--> statement-breakpoint
CREATE TRIGGER commissions_report_insert AFTER INSERT ON commissions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_commissions();--> statement-breakpoint
CREATE TRIGGER ledger_entries_report_insert AFTER INSERT ON ledger_entries REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_ledger();--> statement-breakpoint
ALTER TABLE report_views ADD CONSTRAINT report_views_scope_check CHECK (scope IN ('admin', 'portal'));
