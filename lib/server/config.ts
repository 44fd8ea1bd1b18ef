import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_COUNT_BUDGET_MS } from '@/lib/search/count';
import { databaseFileOf, databaseLabelOf, DEFAULT_DATABASE_URL, engineOf, type EngineName } from '@/db/location';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));

/** About a day of retries after the first attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
const DEFAULT_WEBHOOK_RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .refine(
      (value) => engineOf(value) === 'postgres' || !/^[a-z][a-z0-9+.-]*:\/\//i.test(value),
      'must be postgres://user:password@host:5432/database or a SQLite file path like file:data/gatehouse.db',
    ),
  PORT: z.coerce.number({ message: 'must be a number' }).int().min(1).max(65535, 'must be a port number (1-65535)').default(3000),
  WEB_CONCURRENCY: z.coerce.number({ message: 'must be a number' }).int().min(1, 'must be at least 1').max(256).optional(),
  APP_URL: z.url({ message: 'must be an absolute http(s) URL' }).refine((v) => /^https?:/.test(v), 'must be http or https').optional(),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ADMIN_EMAIL: z.email({ message: 'must be an email address' }).default('admin@example.com'),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(128, 'must be at most 128 characters').optional(),
  SEED_DEMO: booleanFlag.default(true),
  TRUST_PROXY: booleanFlag.default(false),
  TOKEN_TTL_DAYS: z.coerce.number({ message: 'must be a number' }).positive('must be positive').max(3650).default(30),
  SMTP_URL: z
    .url({ message: 'must be a URL like smtp://user:pass@host:587' })
    .refine((v) => /^smtps?:\/\//i.test(v), 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().trim().min(3).max(320).default('Gatehouse <no-reply@localhost>'),
  RESET_CODE_TTL_SECONDS: z.coerce.number({ message: 'must be a number' }).int().min(1).max(86_400).default(30 * 60),
  INVITATION_CODE_TTL_SECONDS: z.coerce.number({ message: 'must be a number' }).int().min(1).max(90 * 86_400).default(7 * 86_400),
  MAIL_RETRY_SECONDS: z.coerce.number({ message: 'must be a number' }).positive('must be positive').max(86_400).default(30),
  USER_COUNT_BUDGET_MS: z.coerce.number({ message: 'must be a number' }).int().min(0).max(60_000).default(DEFAULT_COUNT_BUDGET_MS),
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: booleanFlag.default(false),
  WEBHOOK_RETRY_DELAYS_MS: z
    .string()
    .regex(/^\s*\d+\s*(,\s*\d+\s*)*$/, 'must be a comma-separated list of milliseconds, like 5000,300000')
    .transform((value) => value.split(',').map(Number))
    .refine((delays) => delays.every((ms) => ms >= 1 && ms <= 7 * 86_400_000), 'each delay must be between 1 ms and 7 days')
    .default(DEFAULT_WEBHOOK_RETRY_DELAYS_MS),
  WEBHOOK_DISABLE_AFTER_MS: z.coerce.number({ message: 'must be a number' }).int().min(1).max(30 * 86_400_000).default(86_400_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number({ message: 'must be a number' }).int().min(100).max(10_000, 'must be at most 10000 (10 s)').default(10_000),
});


export type AppConfig = {
  engine: EngineName;
  /** Where the data is, for messages: the SQLite file, or the PostgreSQL URL without its password. */
  databaseLabel: string;
  dataDir: string;
  port: number;
  /** Server processes `npm start` runs, sharing the port: one per core unless WEB_CONCURRENCY says otherwise. */
  serverProcesses: number;
  appUrl: string;
  adminEmail: string;
  adminPassword: string | undefined;
  seedDemo: boolean;
  tokenTtlMs: number;
  authSecret: string | undefined;
  trustProxy: boolean;
  /** Without it, mail is kept in the outbox and printed to the server log. */
  smtpUrl: string | undefined;
  mailFrom: string;
  resetCodeTtlMs: number;
  invitationCodeTtlMs: number;
  /** The first retry of a failed delivery waits this long; each later one twice as long. */
  mailRetryMs: number;
  /** How long a users list may spend counting its total before answering an estimate. */
  userCountBudgetMs: number;
  /** Lets webhooks go to private, loopback and link-local addresses (tests, closed networks). */
  webhookAllowPrivateNetworks: boolean;
  /** The waits between a webhook delivery's attempts; after the last, it has failed. */
  webhookRetryDelaysMs: number[];
  /** An endpoint whose deliveries have failed this long is disabled and the admins mailed. */
  webhookDisableAfterMs: number;
  /** A receiver's whole answer must arrive within this. */
  webhookTimeoutMs: number;
};

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  // An empty variable means "unset", as shells and .env files commonly write it.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(present);
  const problems = result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  // Instances sharing a PostgreSQL database must sign sessions with one secret: none may make up
  // its own. Named with any other bad variable, so one start-up shows everything to fix.
  if (engineOf(present.DATABASE_URL) === 'postgres' && !present.AUTH_SECRET) {
    problems.push('AUTH_SECRET: required when DATABASE_URL is PostgreSQL, and the same on every instance (at least 32 characters, e.g. from `openssl rand -base64 32`)');
  }
  if (!result.success || problems.length) throw new ConfigError(problems);
  const e = result.data;
  const engine = engineOf(e.DATABASE_URL);
  const databaseFile = databaseFileOf(e.DATABASE_URL);
  return {
    engine,
    databaseLabel: databaseLabelOf(e.DATABASE_URL),
    dataDir: path.dirname(databaseFile),
    port: e.PORT,
    serverProcesses: e.WEB_CONCURRENCY ?? availableParallelism(),
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    adminEmail: e.ADMIN_EMAIL,
    adminPassword: e.ADMIN_PASSWORD,
    seedDemo: e.SEED_DEMO,
    tokenTtlMs: e.TOKEN_TTL_DAYS * 24 * 60 * 60 * 1000,
    authSecret: e.AUTH_SECRET,
    trustProxy: e.TRUST_PROXY,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    resetCodeTtlMs: e.RESET_CODE_TTL_SECONDS * 1000,
    invitationCodeTtlMs: e.INVITATION_CODE_TTL_SECONDS * 1000,
    mailRetryMs: e.MAIL_RETRY_SECONDS * 1000,
    userCountBudgetMs: e.USER_COUNT_BUDGET_MS,
    webhookAllowPrivateNetworks: e.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    webhookRetryDelaysMs: e.WEBHOOK_RETRY_DELAYS_MS,
    webhookDisableAfterMs: e.WEBHOOK_DISABLE_AFTER_MS,
    webhookTimeoutMs: e.WEBHOOK_TIMEOUT_MS,
  };
}

let cached: AppConfig | undefined;

export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/**
 * The secret that signs session cookies. Taken from AUTH_SECRET, else generated once and
 * kept beside the database so sessions survive restarts.
 */
export function getAuthSecret(): string {
  const config = getConfig();
  if (config.authSecret) return config.authSecret;
  const file = path.join(config.dataDir, 'auth-secret');
  // Read once per file: every sealed secret and signed token asks for it.
  if (generatedSecret?.file !== file) generatedSecret = { file, value: readOrCreateSecretFile(file) };
  return generatedSecret.value;
}

let generatedSecret: { file: string; value: string } | undefined;

function readOrCreateSecretFile(file: string): string {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(file, 'utf8').trim();
}
