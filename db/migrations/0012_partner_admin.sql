CREATE TABLE "partner_notes" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"body" text NOT NULL,
	"author_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_sponsors" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"sponsor_id" text,
	"valid_from" timestamp with time zone NOT NULL,
	"reason" text,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_sponsors_not_self_ck" CHECK ("partner_sponsors"."sponsor_id" is null or "partner_sponsors"."sponsor_id" <> "partner_sponsors"."partner_id")
);
--> statement-breakpoint
CREATE TABLE "partner_status_events" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_status_events_to_ck" CHECK ("partner_status_events"."to_status" in ('pending', 'approved', 'rejected', 'suspended', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "manager_user_id" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "type" text DEFAULT 'affiliate' NOT NULL;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "company" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "country" char(2);--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "traffic_sources" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "recruit_code" text;--> statement-breakpoint
ALTER TABLE "clicks" ADD COLUMN "not_credited_reason" text;--> statement-breakpoint
ALTER TABLE "partner_notes" ADD CONSTRAINT "partner_notes_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_notes" ADD CONSTRAINT "partner_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_sponsors" ADD CONSTRAINT "partner_sponsors_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_sponsors" ADD CONSTRAINT "partner_sponsors_sponsor_id_partners_id_fk" FOREIGN KEY ("sponsor_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_sponsors" ADD CONSTRAINT "partner_sponsors_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_status_events" ADD CONSTRAINT "partner_status_events_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_status_events" ADD CONSTRAINT "partner_status_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partner_notes_partner_idx" ON "partner_notes" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "partner_sponsors_partner_idx" ON "partner_sponsors" USING btree ("partner_id","valid_from");--> statement-breakpoint
CREATE INDEX "partner_sponsors_sponsor_idx" ON "partner_sponsors" USING btree ("sponsor_id");--> statement-breakpoint
CREATE INDEX "partner_status_events_partner_idx" ON "partner_status_events" USING btree ("partner_id","created_at");--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_manager_user_id_users_id_fk" FOREIGN KEY ("manager_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "partners_recruit_code_uq" ON "partners" USING btree ("recruit_code");--> statement-breakpoint
CREATE INDEX "partners_manager_idx" ON "partners" USING btree ("manager_user_id");--> statement-breakpoint
CREATE INDEX "partners_parent_idx" ON "partners" USING btree ("parent_partner_id");--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_status_ck" CHECK ("partners"."status" in ('pending', 'approved', 'rejected', 'suspended', 'closed'));