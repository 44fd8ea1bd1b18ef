DROP INDEX "users_last_name_sort_idx";--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "email_normalized" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "username_normalized" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
CREATE INDEX "users_last_name_sort_idx" ON "users" USING btree ((coalesce("last_name", '') COLLATE "C"),"pk");