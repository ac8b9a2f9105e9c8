CREATE TABLE "offer_pixels" (
	"offer_id" text PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"events" text[] DEFAULT '{}' NOT NULL,
	"key" text NOT NULL,
	"allowed_origins" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "reporter_ip" "inet";--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "reporter_visitor_id" text;--> statement-breakpoint
ALTER TABLE "offer_pixels" ADD CONSTRAINT "offer_pixels_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "offer_pixels_key_uq" ON "offer_pixels" USING btree ("key");--> statement-breakpoint
-- hand-written: a conversion's source is one of CONVERSION_SOURCES (db/schema/conversions.ts)
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_source_check" CHECK ("source" IN ('s2s', 'pixel'));
