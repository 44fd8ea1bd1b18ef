-- Substring search over email, username and names without scanning users: an FTS5 index
-- with the trigram tokenizer (case-insensitive), kept in sync by triggers. It stores no
-- copy of the text (content='users'); rows are addressed by users.pk.
CREATE VIRTUAL TABLE `users_search` USING fts5(email, username, first_name, last_name, content='users', content_rowid='pk', tokenize='trigram');
--> statement-breakpoint
INSERT INTO `users_search`(`users_search`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `users_search_after_insert` AFTER INSERT ON `users` BEGIN
  INSERT INTO `users_search`(rowid, email, username, first_name, last_name) VALUES (new.pk, new.email, new.username, new.first_name, new.last_name);
END;
--> statement-breakpoint
CREATE TRIGGER `users_search_after_delete` AFTER DELETE ON `users` BEGIN
  INSERT INTO `users_search`(`users_search`, rowid, email, username, first_name, last_name) VALUES ('delete', old.pk, old.email, old.username, old.first_name, old.last_name);
END;
--> statement-breakpoint
CREATE TRIGGER `users_search_after_update` AFTER UPDATE OF email, username, first_name, last_name ON `users` BEGIN
  INSERT INTO `users_search`(`users_search`, rowid, email, username, first_name, last_name) VALUES ('delete', old.pk, old.email, old.username, old.first_name, old.last_name);
  INSERT INTO `users_search`(rowid, email, username, first_name, last_name) VALUES (new.pk, new.email, new.username, new.first_name, new.last_name);
END;
