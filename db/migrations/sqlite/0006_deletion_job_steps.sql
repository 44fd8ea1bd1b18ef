CREATE TABLE `deletion_job_steps` (
	`ticket` text NOT NULL,
	`step` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	PRIMARY KEY(`ticket`, `step`),
	FOREIGN KEY (`ticket`) REFERENCES `deletion_jobs`(`ticket`) ON UPDATE no action ON DELETE no action
);
