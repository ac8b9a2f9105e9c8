CREATE TABLE "setup_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offer_access_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"offer_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"message" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offer_access_requests_status_ck" CHECK ("offer_access_requests"."status" in ('pending', 'approved', 'denied'))
);
--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "visibility" text DEFAULT 'all' NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "previous_postback_token_hash" text;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "previous_postback_token_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "sign_up_mode" text DEFAULT 'open_approval' NOT NULL;--> statement-breakpoint
ALTER TABLE "offer_access_requests" ADD CONSTRAINT "offer_access_requests_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_access_requests" ADD CONSTRAINT "offer_access_requests_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_access_requests" ADD CONSTRAINT "offer_access_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "setup_tokens_token_hash_uq" ON "setup_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "offer_access_requests_offer_partner_uq" ON "offer_access_requests" USING btree ("offer_id","partner_id");--> statement-breakpoint
CREATE INDEX "offer_access_requests_partner_idx" ON "offer_access_requests" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "offer_access_requests_status_idx" ON "offer_access_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "programs_previous_postback_token_hash_uq" ON "programs" USING btree ("previous_postback_token_hash");--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_status_ck" CHECK ("offers"."status" in ('active', 'paused', 'archived'));--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_visibility_ck" CHECK ("offers"."visibility" in ('all', 'on_request', 'hidden'));--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_status_ck" CHECK ("programs"."status" in ('active', 'archived'));--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_sign_up_mode_ck" CHECK ("programs"."sign_up_mode" in ('open_approval', 'open_auto', 'invite_only'));