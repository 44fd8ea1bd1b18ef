-- 1- and 2-character patterns from the search index (issue 17). Each field is now indexed
-- followed by two sentinel characters, char(1), which no pattern can hold (control characters
-- are refused), so every 1- or 2-character substring of a field begins one of its trigrams:
-- "zz" is in a field exactly when a term "zz?" is. The terms with that prefix are read by
-- range from users_search_terms (fts5vocab), and a MATCH over them finds the rows.
-- The index stays external-content: the view gives its text, with the sentinels, for 'rebuild'.
-- 15 s at a million users (the rebuild and the merge into one segment), measured on 2 cores.
DROP TRIGGER `users_search_after_insert`;
--> statement-breakpoint
DROP TRIGGER `users_search_after_delete`;
--> statement-breakpoint
DROP TRIGGER `users_search_after_update`;
--> statement-breakpoint
DROP TABLE `users_search`;
--> statement-breakpoint
CREATE VIEW `users_search_source` AS SELECT pk, email || char(1, 1) AS email, username || char(1, 1) AS username, first_name || char(1, 1) AS first_name, last_name || char(1, 1) AS last_name FROM `users`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `users_search` USING fts5(email, username, first_name, last_name, content='users_search_source', content_rowid='pk', tokenize='trigram');
--> statement-breakpoint
CREATE VIRTUAL TABLE `users_search_terms` USING fts5vocab(`users_search`, 'row');
--> statement-breakpoint
INSERT INTO `users_search`(`users_search`) VALUES ('rebuild');
--> statement-breakpoint
INSERT INTO `users_search`(`users_search`) VALUES ('optimize');
--> statement-breakpoint
CREATE TRIGGER `users_search_after_insert` AFTER INSERT ON `users` BEGIN
  INSERT INTO `users_search`(rowid, email, username, first_name, last_name) VALUES (new.pk, new.email || char(1, 1), new.username || char(1, 1), new.first_name || char(1, 1), new.last_name || char(1, 1));
END;
--> statement-breakpoint
CREATE TRIGGER `users_search_after_delete` AFTER DELETE ON `users` BEGIN
  INSERT INTO `users_search`(`users_search`, rowid, email, username, first_name, last_name) VALUES ('delete', old.pk, old.email || char(1, 1), old.username || char(1, 1), old.first_name || char(1, 1), old.last_name || char(1, 1));
END;
--> statement-breakpoint
CREATE TRIGGER `users_search_after_update` AFTER UPDATE OF email, username, first_name, last_name ON `users` BEGIN
  INSERT INTO `users_search`(`users_search`, rowid, email, username, first_name, last_name) VALUES ('delete', old.pk, old.email || char(1, 1), old.username || char(1, 1), old.first_name || char(1, 1), old.last_name || char(1, 1));
  INSERT INTO `users_search`(rowid, email, username, first_name, last_name) VALUES (new.pk, new.email || char(1, 1), new.username || char(1, 1), new.first_name || char(1, 1), new.last_name || char(1, 1));
END;
