ALTER TABLE "offers" ADD COLUMN "deep_link_hosts" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "clicks" ADD COLUMN "visitor_id" text;--> statement-breakpoint
ALTER TABLE "clicks" ADD COLUMN "country" char(2);--> statement-breakpoint
ALTER TABLE "clicks" ADD COLUMN "device_type" text;--> statement-breakpoint
ALTER TABLE "clicks" ADD COLUMN "os" text;--> statement-breakpoint
ALTER TABLE "clicks" ADD COLUMN "browser" text;--> statement-breakpoint
ALTER TABLE "clicks" ADD COLUMN "is_bot" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "clicks" ADD COLUMN "utm_source" text;--> statement-breakpoint
ALTER TABLE "clicks" ADD COLUMN "utm_medium" text;--> statement-breakpoint
ALTER TABLE "clicks" ADD COLUMN "utm_campaign" text;--> statement-breakpoint
ALTER TABLE "clicks" ADD COLUMN "utm_term" text;--> statement-breakpoint
ALTER TABLE "clicks" ADD COLUMN "utm_content" text;--> statement-breakpoint
ALTER TABLE "clicks" ADD COLUMN "deep_link" text;--> statement-breakpoint
ALTER TABLE "links" ADD COLUMN "alias" text;--> statement-breakpoint
ALTER TABLE "links" ADD COLUMN "label" text;--> statement-breakpoint
CREATE INDEX "clicks_visitor_id_idx" ON "clicks" USING btree ("visitor_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "links_alias_uq" ON "links" USING btree ("alias");