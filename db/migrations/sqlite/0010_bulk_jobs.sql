CREATE TABLE `bulk_job_rows` (
	`job_id` text NOT NULL,
	`position` integer NOT NULL,
	`input` text,
	`user_id` text,
	`email` text,
	`outcome` text,
	`errors` text,
	PRIMARY KEY(`job_id`, `position`),
	FOREIGN KEY (`job_id`) REFERENCES `bulk_jobs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bulk_job_rows_outcome_idx` ON `bulk_job_rows` (`job_id`,`outcome`,`position`);--> statement-breakpoint
CREATE TABLE `bulk_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`params` text NOT NULL,
	`requested_by` text,
	`reach` text,
	`status` text DEFAULT 'queued' NOT NULL,
	`steps_done` integer DEFAULT 0 NOT NULL,
	`steps_total` integer DEFAULT 0 NOT NULL,
	`counts` text DEFAULT '{}' NOT NULL,
	`error` text,
	`lease_owner` text,
	`lease_until` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`cancel_requested` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`started_at` integer,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `bulk_jobs_status_idx` ON `bulk_jobs` (`status`,`lease_until`);--> statement-breakpoint
CREATE INDEX `bulk_jobs_kind_idx` ON `bulk_jobs` (`kind`,`created_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `inactivity_warned_at` integer;--> statement-breakpoint
CREATE INDEX `users_last_activity_idx` ON `users` (coalesce("last_sign_in_at", "created_at"));