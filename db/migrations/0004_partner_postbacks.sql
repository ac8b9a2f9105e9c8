CREATE TABLE "partner_postbacks" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"offer_id" text,
	"kind" text NOT NULL,
	"url" text NOT NULL,
	"secret" text,
	"events" text[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postback_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"postback_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"conversion_id" text NOT NULL,
	"series" integer DEFAULT 0 NOT NULL,
	"attempt" integer NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"scheduled_for" timestamp with time zone NOT NULL,
	"method" text,
	"request_url" text,
	"request_body" text,
	"response_status" integer,
	"response_body" text,
	"error" text,
	"duration_ms" integer,
	"attempted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partner_postbacks" ADD CONSTRAINT "partner_postbacks_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_postbacks" ADD CONSTRAINT "partner_postbacks_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postback_deliveries" ADD CONSTRAINT "postback_deliveries_postback_id_partner_postbacks_id_fk" FOREIGN KEY ("postback_id") REFERENCES "public"."partner_postbacks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postback_deliveries" ADD CONSTRAINT "postback_deliveries_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postback_deliveries" ADD CONSTRAINT "postback_deliveries_conversion_id_conversions_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."conversions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partner_postbacks_partner_idx" ON "partner_postbacks" USING btree ("partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "postback_deliveries_attempt_uq" ON "postback_deliveries" USING btree ("postback_id","conversion_id","series","attempt");--> statement-breakpoint
CREATE INDEX "postback_deliveries_partner_idx" ON "postback_deliveries" USING btree ("partner_id","created_at");