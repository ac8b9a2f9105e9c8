CREATE TABLE "document_requirements" (
	"id" text PRIMARY KEY NOT NULL,
	"program_id" text NOT NULL,
	"type" text NOT NULL,
	"label" text NOT NULL,
	"scope" text DEFAULT 'all' NOT NULL,
	"countries" text[] DEFAULT '{}' NOT NULL,
	"blocks_payouts" boolean DEFAULT true NOT NULL,
	"expires" boolean DEFAULT false NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_requirements_type_ck" CHECK ("document_requirements"."type" in ('identity', 'proof_of_address', 'w9', 'w8ben', 'w8bene', 'company_registration', 'vat_number', 'other')),
	CONSTRAINT "document_requirements_scope_ck" CHECK ("document_requirements"."scope" in ('all', 'only', 'except'))
);
--> statement-breakpoint
CREATE TABLE "invoice_counters" (
	"program_id" text NOT NULL,
	"kind" text NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "invoice_counters_program_id_kind_pk" PRIMARY KEY("program_id","kind")
);
--> statement-breakpoint
CREATE TABLE "operator_billing_settings" (
	"program_id" text PRIMARY KEY NOT NULL,
	"company" jsonb,
	"document_retention_days" integer DEFAULT 1825 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_billing_details" (
	"partner_id" text PRIMARY KEY NOT NULL,
	"legal_name" text NOT NULL,
	"address" text NOT NULL,
	"country" char(2) NOT NULL,
	"vat_number" text,
	"is_business" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"type" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"storage_key" text,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"key_id" text NOT NULL,
	"expires_at" timestamp with time zone,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"reject_reason" text,
	"ended_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_documents_type_ck" CHECK ("partner_documents"."type" in ('identity', 'proof_of_address', 'w9', 'w8ben', 'w8bene', 'company_registration', 'vat_number', 'other')),
	CONSTRAINT "partner_documents_status_ck" CHECK ("partner_documents"."status" in ('pending', 'approved', 'rejected', 'replaced'))
);
--> statement-breakpoint
CREATE TABLE "partner_invoices" (
	"id" text PRIMARY KEY NOT NULL,
	"program_id" text NOT NULL,
	"kind" text NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"batch_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"credits_invoice_id" text,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"fields" jsonb NOT NULL,
	"pdf" "bytea" NOT NULL,
	"issued_by" text,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_invoices_kind_ck" CHECK ("partner_invoices"."kind" in ('invoice', 'credit_note'))
);
--> statement-breakpoint
ALTER TABLE "document_requirements" ADD CONSTRAINT "document_requirements_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_counters" ADD CONSTRAINT "invoice_counters_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_billing_settings" ADD CONSTRAINT "operator_billing_settings_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_billing_details" ADD CONSTRAINT "partner_billing_details_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_documents" ADD CONSTRAINT "partner_documents_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_documents" ADD CONSTRAINT "partner_documents_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_invoices" ADD CONSTRAINT "partner_invoices_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_invoices" ADD CONSTRAINT "partner_invoices_batch_id_payout_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."payout_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_invoices" ADD CONSTRAINT "partner_invoices_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_invoices" ADD CONSTRAINT "partner_invoices_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_requirements_program_idx" ON "document_requirements" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "partner_documents_partner_idx" ON "partner_documents" USING btree ("partner_id","type","status");--> statement-breakpoint
CREATE INDEX "partner_documents_status_idx" ON "partner_documents" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_invoices_seq_uq" ON "partner_invoices" USING btree ("program_id","kind","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_invoices_batch_partner_uq" ON "partner_invoices" USING btree ("batch_id","partner_id") WHERE "partner_invoices"."kind" = 'invoice';--> statement-breakpoint
CREATE UNIQUE INDEX "partner_invoices_credits_uq" ON "partner_invoices" USING btree ("credits_invoice_id");--> statement-breakpoint
CREATE INDEX "partner_invoices_partner_idx" ON "partner_invoices" USING btree ("partner_id","issued_at");--> statement-breakpoint
-- Issued invoices and credit notes never change: a correction is a credit note with its own number.
CREATE FUNCTION partner_invoices_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'partner_invoices is immutable: % is not allowed (issue a credit note)', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER partner_invoices_no_update_delete
  BEFORE UPDATE OR DELETE ON partner_invoices
  FOR EACH ROW EXECUTE FUNCTION partner_invoices_immutable();
