CREATE TABLE "coupons" (
	"id" text PRIMARY KEY NOT NULL,
	"program_id" text NOT NULL,
	"offer_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"code" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_bindings" (
	"program_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"offer_id" text NOT NULL,
	"conversion_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_bindings_program_id_customer_id_pk" PRIMARY KEY("program_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "event_types" text[] DEFAULT '{"lead","registration","ftd","deposit","sale","trade","ngr","refund","chargeback"}' NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "signing_secrets" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "postback_ip_allowlist" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "customer_id" text;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "coupon_code" text;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "source" text DEFAULT 's2s' NOT NULL;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "adv1" text;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "adv2" text;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "adv3" text;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "adv4" text;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "adv5" text;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "attribution_method" text;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_bindings" ADD CONSTRAINT "customer_bindings_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_bindings" ADD CONSTRAINT "customer_bindings_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_bindings" ADD CONSTRAINT "customer_bindings_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_bindings" ADD CONSTRAINT "customer_bindings_conversion_id_conversions_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."conversions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "coupons_program_code_uq" ON "coupons" USING btree ("program_id","code");--> statement-breakpoint
CREATE INDEX "coupons_partner_idx" ON "coupons" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "customer_bindings_partner_idx" ON "customer_bindings" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "conversions_customer_idx" ON "conversions" USING btree ("program_id","customer_id");