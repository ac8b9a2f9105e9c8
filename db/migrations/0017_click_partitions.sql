ALTER TABLE "conversions" DROP CONSTRAINT "conversions_click_id_clicks_id_fk";--> statement-breakpoint
ALTER TABLE "click_fraud_findings" DROP CONSTRAINT "click_fraud_findings_click_id_clicks_id_fk";--> statement-breakpoint
ALTER TABLE "fraud_checks" DROP CONSTRAINT "fraud_checks_click_id_clicks_id_fk";--> statement-breakpoint
ALTER TABLE "report_state" ADD COLUMN "clicks_kept_from" timestamp with time zone;--> statement-breakpoint
-- Hand-written below: drizzle-kit does not model partitioning. clicks becomes a table partitioned by month of
-- created_at (UTC): one partition per month named clicks_pYYYY_MM, and clicks_default for anything outside them
-- (the safety net: an insert never fails for want of a partition). The job in db/click-partitions.ts keeps the
-- coming months made ahead and drops months past CLICK_RETENTION_MONTHS. Existing rows move as they are (their
-- txid too, so the report rollup worker does not fold them again).
ALTER TABLE "clicks" RENAME TO "clicks_unpartitioned";--> statement-breakpoint
CREATE TABLE "clicks" (LIKE "clicks_unpartitioned" INCLUDING DEFAULTS) PARTITION BY RANGE ("created_at");--> statement-breakpoint
CREATE TABLE "clicks_default" PARTITION OF "clicks" DEFAULT;--> statement-breakpoint
DO $$
DECLARE
  m timestamp;
  last timestamp := date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months';
BEGIN
  -- from the oldest click's month (at most ten years back; older rows stay in the default partition) to three months ahead
  SELECT greatest(date_trunc('month', coalesce(min(created_at), now()) AT TIME ZONE 'UTC'), date_trunc('month', now() AT TIME ZONE 'UTC') - interval '120 months')
    INTO m FROM "clicks_unpartitioned";
  WHILE m <= last LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "clicks" FOR VALUES FROM (%L) TO (%L)',
      'clicks_p' || to_char(m, 'YYYY_MM'), m AT TIME ZONE 'UTC', (m + interval '1 month') AT TIME ZONE 'UTC');
    m := m + interval '1 month';
  END LOOP;
END $$;--> statement-breakpoint
INSERT INTO "clicks" SELECT * FROM "clicks_unpartitioned";--> statement-breakpoint
DROP TABLE "clicks_unpartitioned";--> statement-breakpoint
ALTER TABLE "clicks" ADD CONSTRAINT "clicks_id_created_at_pk" PRIMARY KEY("id","created_at");--> statement-breakpoint
ALTER TABLE "clicks" ADD CONSTRAINT "clicks_link_id_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clicks" ADD CONSTRAINT "clicks_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clicks" ADD CONSTRAINT "clicks_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clicks_txid_idx" ON "clicks" USING btree ("txid");--> statement-breakpoint
CREATE INDEX "clicks_link_id_idx" ON "clicks" USING btree ("link_id","created_at");--> statement-breakpoint
CREATE INDEX "clicks_partner_id_idx" ON "clicks" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "clicks_offer_created_idx" ON "clicks" USING btree ("offer_id","created_at");--> statement-breakpoint
CREATE INDEX "clicks_visitor_id_idx" ON "clicks" USING btree ("visitor_id","created_at");
