DROP INDEX `users_last_name_idx`;--> statement-breakpoint
DROP INDEX `users_last_sign_in_idx`;--> statement-breakpoint
CREATE INDEX `users_last_name_sort_idx` ON `users` (ifnull(`last_name`, ''));--> statement-breakpoint
CREATE INDEX `users_last_sign_in_sort_idx` ON `users` (ifnull(`last_sign_in_at`, 0));
