CREATE TABLE "offer_groups" (
	"offer_id" text NOT NULL,
	"group_id" text NOT NULL,
	CONSTRAINT "offer_groups_offer_id_group_id_pk" PRIMARY KEY("offer_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "partner_group_members" (
	"group_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_group_members_group_id_partner_id_pk" PRIMARY KEY("group_id","partner_id")
);
--> statement-breakpoint
CREATE TABLE "partner_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_invites" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"note" text,
	"approve" boolean DEFAULT false NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by_partner_id" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signup_answers" (
	"partner_id" text NOT NULL,
	"question_id" text NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signup_answers_partner_id_question_id_pk" PRIMARY KEY("partner_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "signup_questions" (
	"id" text PRIMARY KEY NOT NULL,
	"program_id" text NOT NULL,
	"label" text NOT NULL,
	"kind" text NOT NULL,
	"options" text[] DEFAULT '{}' NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signup_questions_kind_ck" CHECK ("signup_questions"."kind" in ('text', 'long_text', 'select', 'checkbox', 'url'))
);
--> statement-breakpoint
CREATE TABLE "terms_acceptances" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"terms_version_id" text NOT NULL,
	"ip" text,
	"accepted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "terms_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"program_id" text NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"published_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "offers" DROP CONSTRAINT "offers_visibility_ck";--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "partner_types" text[] DEFAULT array['affiliate', 'introducing broker', 'referral partner', 'reseller', 'influencer', 'media buyer']::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "offer_groups" ADD CONSTRAINT "offer_groups_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_groups" ADD CONSTRAINT "offer_groups_group_id_partner_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."partner_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_group_members" ADD CONSTRAINT "partner_group_members_group_id_partner_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."partner_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_group_members" ADD CONSTRAINT "partner_group_members_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_invites" ADD CONSTRAINT "partner_invites_used_by_partner_id_partners_id_fk" FOREIGN KEY ("used_by_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_invites" ADD CONSTRAINT "partner_invites_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_answers" ADD CONSTRAINT "signup_answers_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_answers" ADD CONSTRAINT "signup_answers_question_id_signup_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."signup_questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_questions" ADD CONSTRAINT "signup_questions_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_acceptances" ADD CONSTRAINT "terms_acceptances_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_acceptances" ADD CONSTRAINT "terms_acceptances_terms_version_id_terms_versions_id_fk" FOREIGN KEY ("terms_version_id") REFERENCES "public"."terms_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_versions" ADD CONSTRAINT "terms_versions_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_versions" ADD CONSTRAINT "terms_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offer_groups_group_idx" ON "offer_groups" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "partner_group_members_partner_idx" ON "partner_group_members" USING btree ("partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_groups_name_uq" ON "partner_groups" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "partner_invites_token_hash_uq" ON "partner_invites" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "partner_invites_created_idx" ON "partner_invites" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "signup_answers_question_idx" ON "signup_answers" USING btree ("question_id");--> statement-breakpoint
CREATE INDEX "signup_questions_program_idx" ON "signup_questions" USING btree ("program_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "terms_acceptances_partner_version_uq" ON "terms_acceptances" USING btree ("partner_id","terms_version_id");--> statement-breakpoint
CREATE INDEX "terms_acceptances_version_idx" ON "terms_acceptances" USING btree ("terms_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "terms_versions_program_version_uq" ON "terms_versions" USING btree ("program_id","version");--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_visibility_ck" CHECK ("offers"."visibility" in ('all', 'on_request', 'groups', 'hidden'));