CREATE TABLE "attribution_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"program_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"params" jsonb NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"result" jsonb,
	"error" text,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "attributions" (
	"id" text PRIMARY KEY NOT NULL,
	"conversion_id" text NOT NULL,
	"version" integer NOT NULL,
	"source" text,
	"model" jsonb NOT NULL,
	"fell_back_to" text,
	"model_fit_id" text,
	"rules" jsonb NOT NULL,
	"touchpoints" jsonb NOT NULL,
	"credits" jsonb NOT NULL,
	"reason" text NOT NULL,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "model_fits" (
	"id" text PRIMARY KEY NOT NULL,
	"program_id" text NOT NULL,
	"weights" jsonb NOT NULL,
	"journeys" integer NOT NULL,
	"conversions" integer NOT NULL,
	"sufficient" boolean NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"to_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "commissions_conversion_partner_uq";--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "attribution_model" jsonb;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "attribution_model" jsonb DEFAULT '{"model":"last_click"}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "attribution_priority" text[] DEFAULT '{"click","customer_binding","coupon"}' NOT NULL;--> statement-breakpoint
ALTER TABLE "commissions" ADD COLUMN "attribution_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "commissions" ADD COLUMN "credit" double precision DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "attribution_runs" ADD CONSTRAINT "attribution_runs_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_runs" ADD CONSTRAINT "attribution_runs_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attributions" ADD CONSTRAINT "attributions_conversion_id_conversions_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."conversions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attributions" ADD CONSTRAINT "attributions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_fits" ADD CONSTRAINT "model_fits_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attribution_runs_program_idx" ON "attribution_runs" USING btree ("program_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "attributions_conversion_version_uq" ON "attributions" USING btree ("conversion_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "attributions_current_uq" ON "attributions" USING btree ("conversion_id") WHERE "attributions"."superseded_at" is null;--> statement-breakpoint
CREATE INDEX "model_fits_program_idx" ON "model_fits" USING btree ("program_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "commissions_conversion_partner_uq" ON "commissions" USING btree ("conversion_id","partner_id","attribution_version");