CREATE TABLE "import_rows" (
	"key" text PRIMARY KEY NOT NULL,
	"import_id" text NOT NULL,
	"program_id" text NOT NULL,
	"preset" text NOT NULL,
	"entity" text NOT NULL,
	"vendor_id" text NOT NULL,
	"row" integer NOT NULL,
	"target_id" text NOT NULL,
	"parent_vendor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" text PRIMARY KEY NOT NULL,
	"program_id" text NOT NULL,
	"preset" text NOT NULL,
	"file_kind" text NOT NULL,
	"file_name" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"mapping" jsonb,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"rows_ok" integer DEFAULT 0 NOT NULL,
	"rows_refused" integer DEFAULT 0 NOT NULL,
	"rows_skipped" integer DEFAULT 0 NOT NULL,
	"report" jsonb,
	"failure_reason" text,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "imports_status_ck" CHECK ("imports"."status" in ('running', 'completed', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "customer_bindings" ALTER COLUMN "conversion_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "import_id" text;--> statement-breakpoint
ALTER TABLE "customer_bindings" ADD COLUMN "import_id" text;--> statement-breakpoint
ALTER TABLE "commissions" ADD COLUMN "import_id" text;--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_rows_import_idx" ON "import_rows" USING btree ("import_id");--> statement-breakpoint
CREATE INDEX "imports_program_idx" ON "imports" USING btree ("program_id","created_at");