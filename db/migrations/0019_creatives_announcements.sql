CREATE TABLE "announcement_recipients" (
	"announcement_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "announcement_recipients_announcement_id_partner_id_pk" PRIMARY KEY("announcement_id","partner_id")
);
--> statement-breakpoint
CREATE TABLE "announcements" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"audience" text NOT NULL,
	"group_id" text,
	"offer_id" text,
	"emailed" boolean DEFAULT false NOT NULL,
	"author_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "announcements_audience_ck" CHECK ("announcements"."audience" in ('all', 'group', 'offer')),
	CONSTRAINT "announcements_target_ck" CHECK (("announcements"."audience" <> 'offer' or "announcements"."offer_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "creative_groups" (
	"creative_id" text NOT NULL,
	"group_id" text NOT NULL,
	CONSTRAINT "creative_groups_creative_id_group_id_pk" PRIMARY KEY("creative_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "creative_impressions" (
	"creative_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"day" date NOT NULL,
	"impressions" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "creative_impressions_creative_id_partner_id_day_pk" PRIMARY KEY("creative_id","partner_id","day")
);
--> statement-breakpoint
CREATE TABLE "creatives" (
	"id" text PRIMARY KEY NOT NULL,
	"offer_id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"language" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"body" text,
	"subject" text,
	"alt_text" text,
	"file_key" text,
	"file_type" text,
	"file_size" integer,
	"file_name" text,
	"width" integer,
	"height" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creatives_kind_ck" CHECK ("creatives"."kind" in ('image', 'text_link', 'html', 'email')),
	CONSTRAINT "creatives_status_ck" CHECK ("creatives"."status" in ('active', 'archived')),
	CONSTRAINT "creatives_file_ck" CHECK (("creatives"."kind" = 'image') = ("creatives"."file_key" is not null)),
	CONSTRAINT "creatives_dates_ck" CHECK ("creatives"."ends_at" is null or "creatives"."starts_at" is null or "creatives"."ends_at" > "creatives"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "partner_mail_preferences" (
	"partner_id" text PRIMARY KEY NOT NULL,
	"announcements" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "announcement_recipients" ADD CONSTRAINT "announcement_recipients_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_recipients" ADD CONSTRAINT "announcement_recipients_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_group_id_partner_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."partner_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creative_groups" ADD CONSTRAINT "creative_groups_creative_id_creatives_id_fk" FOREIGN KEY ("creative_id") REFERENCES "public"."creatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creative_groups" ADD CONSTRAINT "creative_groups_group_id_partner_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."partner_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creative_impressions" ADD CONSTRAINT "creative_impressions_creative_id_creatives_id_fk" FOREIGN KEY ("creative_id") REFERENCES "public"."creatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creative_impressions" ADD CONSTRAINT "creative_impressions_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creatives" ADD CONSTRAINT "creatives_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creatives" ADD CONSTRAINT "creatives_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_mail_preferences" ADD CONSTRAINT "partner_mail_preferences_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "announcement_recipients_partner_idx" ON "announcement_recipients" USING btree ("partner_id","read_at");--> statement-breakpoint
CREATE INDEX "announcements_created_idx" ON "announcements" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "creative_groups_group_idx" ON "creative_groups" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "creative_impressions_partner_idx" ON "creative_impressions" USING btree ("partner_id","day");--> statement-breakpoint
CREATE INDEX "creatives_offer_idx" ON "creatives" USING btree ("offer_id","status");