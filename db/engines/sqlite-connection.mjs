// @ts-check
/** Opening a SQLite connection: one place for the settings, used on the main thread and on the worker threads. */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * A connection with the settings every one needs. A writable one creates the file and its
 * folder and turns on WAL (readers never wait for the writer) and foreign keys.
 * @param {string} file
 * @param {{ readonly: boolean }} options
 */
export function openConnection(file, { readonly }) {
  if (!readonly) mkdirSync(path.dirname(file), { recursive: true });
  const connection = new Database(file, { readonly, fileMustExist: readonly });
  if (!readonly) {
    connection.pragma('journal_mode = WAL');
    connection.pragma('foreign_keys = ON');
    connection.pragma('synchronous = NORMAL');
  }
  // Another process's write transaction (one server process per core) is waited for, not failed.
  connection.pragma('busy_timeout = 5000');
  // 64 MiB of page cache: the hot index pages of a million-user table stay in memory.
  connection.pragma('cache_size = -65536');
  return connection;
}
