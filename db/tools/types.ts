import type { SQL } from 'drizzle-orm';
import type { EngineName } from '../location';

/**
 * What scripts and tests do to a database beyond what the app does: load generated users in
 * bulk, refresh statistics, show query plans, describe the server. One implementation per
 * engine, each on a connection of its own; the app's queries still go through db/client.
 */
export interface DatabaseTools {
  readonly engine: EngineName;
  /** The engine and its version, e.g. "SQLite 3.53.2" or "PostgreSQL 15.18". */
  version(): Promise<string>;
  /** The database's size on disk, and the settings that shape the figures measured on it. */
  describe(): Promise<{ size: string; settings: string[] }>;
  /** The rows of a statement (not in a load's transaction). */
  rows<T>(query: SQL): Promise<T[]>;
  /** The statement's plan, one line per step, children indented (EXPLAIN QUERY PLAN / EXPLAIN). */
  explain(query: SQL): Promise<string[]>;
  /** Whether the planner has statistics for users (a copied or interrupted database may lack them). */
  hasStatistics(): Promise<boolean>;
  /** Statistics for every table, and on PostgreSQL the visibility map that index-only scans need. */
  analyze(): Promise<void>;
  /** The substring test on email, username and names in a form no search index serves: a benchmark's plain-scan baseline. */
  plainScanMatch(like: string): SQL;
  /** Starts a bulk load of about `rows` users; call finish() whether or not the load succeeded. */
  beginUserLoad(rows: number): Promise<UserLoad>;
  close(): Promise<void>;
}

/** A generated user as stored; times in epoch milliseconds. */
export type GeneratedUser = {
  id: string;
  email: string;
  emailNormalized: string;
  username: string;
  usernameNormalized: string;
  firstName: string;
  lastName: string;
  status: string;
  role: string;
  plan: string;
  vendor: string[];
  metadata: Record<string, unknown>;
  city: string | null;
  country: string | null;
  dateOfBirth: string | null;
  department: string | null;
  phoneLand: string | null;
  phoneMobile: string | null;
  timezone: string | null;
  lastSignInAt: number | null;
  createdAt: number;
  updatedAt: number;
};

export type GeneratedScope = { userId: string; scope: string };
export type GeneratedMembership = { tenantId: string; userId: string; role: 'admin' | 'user'; createdAt: number };

/** Writes inside one batch's transaction. */
export interface UserBatchWriter {
  /** Inserts each user whose id, email and username are all free; answers, per user, whether it went in. */
  insertUsers(users: GeneratedUser[]): Promise<boolean[]>;
  insertScopes(scopes: GeneratedScope[]): Promise<void>;
  insertMemberships(memberships: GeneratedMembership[]): Promise<void>;
}

/** A bulk load under way, with the engine's speed-ups (a trigger or indexes set aside) in force until finish(). */
export interface UserLoad {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  batch(work: (writer: UserBatchWriter) => Promise<void>): Promise<void>;
  /** Puts back what was set aside, rebuilding it over the loaded rows, and refreshes statistics. */
  finish(): Promise<void>;
}
