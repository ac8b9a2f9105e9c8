-- Hand-written: report rollups move from hourly UTC buckets to days of each program's time zone, and gain
-- offer-level grains for program-wide breakdowns by a shared attribute (server/reports/grains.ts).
-- Click counts are carried over (raw clicks of months past retention may be gone): each hour goes to its
-- program's date; unique clicks keep what they counted per UTC day. Conversion and commission facts are
-- recomputed from raw data, which is never dropped: they are emptied here and marked for the worker.
CREATE TABLE "report_rollups_daily" (
	"grain" text NOT NULL,
	"day" date NOT NULL,
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
);--> statement-breakpoint
INSERT INTO "report_rollups_daily" ("grain", "day", "program_id", "offer_id", "partner_id", "link_id", "d1", "d2", "event", "currency", "clicks", "unique_clicks")
SELECT r."grain", (r."bucket" AT TIME ZONE coalesce(g."time_zone", 'UTC'))::date, r."program_id", r."offer_id", r."partner_id", r."link_id", r."d1", r."d2", '', '', sum(r."clicks"), sum(r."unique_clicks")
FROM "report_rollups" r LEFT JOIN "programs" g ON g."id" = r."program_id"
WHERE r."event" = '' AND (r."clicks" <> 0 OR r."unique_clicks" <> 0)
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;--> statement-breakpoint
INSERT INTO "report_rollups_daily" ("grain", "day", "program_id", "offer_id", "partner_id", "link_id", "d1", "d2", "event", "currency", "clicks", "unique_clicks")
SELECT 'offer_' || "grain", "day", "program_id", "offer_id", '', '', "d1", "d2", '', '', sum("clicks"), sum("unique_clicks")
FROM "report_rollups_daily"
WHERE "grain" IN ('country', 'device', 'os', 'browser', 'utm_source', 'utm_medium', 'utm_campaign', 'country_device')
GROUP BY 1, 2, 3, 4, 7, 8;--> statement-breakpoint
DROP TABLE "report_rollups";--> statement-breakpoint
ALTER TABLE "report_rollups_daily" RENAME TO "report_rollups";--> statement-breakpoint
CREATE UNIQUE INDEX "report_rollups_key_uq" ON "report_rollups" USING btree ("grain","day","program_id","offer_id","partner_id","link_id","d1","d2","event","currency");--> statement-breakpoint
CREATE INDEX "report_rollups_partner_idx" ON "report_rollups" USING btree ("grain","partner_id","day");--> statement-breakpoint
DELETE FROM "report_folded";--> statement-breakpoint
INSERT INTO "report_dirty" ("entity") SELECT "id" FROM "conversions" UNION SELECT "id" FROM "commissions" WHERE "conversion_id" IS NULL ON CONFLICT DO NOTHING;
