ALTER TABLE "report_rollups" ADD COLUMN "impressions" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "creative_impressions" ADD COLUMN "folded" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "creative_impressions_unfolded_idx" ON "creative_impressions" USING btree ("day") WHERE "creative_impressions"."impressions" <> "creative_impressions"."folded";