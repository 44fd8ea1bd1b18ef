CREATE TABLE "bulk_job_rows" (
	"job_id" text NOT NULL,
	"position" integer NOT NULL,
	"input" jsonb,
	"user_id" text,
	"email" text,
	"outcome" text,
	"errors" jsonb,
	CONSTRAINT "bulk_job_rows_job_id_position_pk" PRIMARY KEY("job_id","position")
);
--> statement-breakpoint
CREATE TABLE "bulk_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb NOT NULL,
	"requested_by" text,
	"reach" jsonb,
	"status" text DEFAULT 'queued' NOT NULL,
	"steps_done" integer DEFAULT 0 NOT NULL,
	"steps_total" integer DEFAULT 0 NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"lease_owner" text,
	"lease_until" timestamp (3) with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "inactivity_warned_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "bulk_job_rows" ADD CONSTRAINT "bulk_job_rows_job_id_bulk_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."bulk_jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulk_job_rows_outcome_idx" ON "bulk_job_rows" USING btree ("job_id","outcome","position");--> statement-breakpoint
CREATE INDEX "bulk_jobs_status_idx" ON "bulk_jobs" USING btree ("status","lease_until");--> statement-breakpoint
CREATE INDEX "bulk_jobs_kind_idx" ON "bulk_jobs" USING btree ("kind","created_at");--> statement-breakpoint
CREATE INDEX "users_last_activity_idx" ON "users" USING btree (coalesce("last_sign_in_at", "created_at"));