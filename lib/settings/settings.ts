import { eq } from 'drizzle-orm';
import { getDb, transaction } from '@/db/client';
import { settings } from '@/db/schema';
import { AUDIT_RETENTION_DAYS } from '@/lib/audit/retention-rules';
import { DEFAULT_INACTIVITY_POLICY } from '@/lib/inactivity/policy';
import { CHARACTER_CLASS_NAMES, DEFAULT_PASSWORD_POLICY, PASSWORD_MIN_LENGTH_BOUNDS, type CharacterClass, type PasswordPolicy } from '@/lib/passwords/rules';

/**
 * System settings: a value in the environment wins (so a deployment can pin it), then the
 * settings table, then the default.
 */
const SETTINGS = {
  /** Scopes a caller needs to create users through the API; empty means sign-up is open (Appmixer's API_USER_CREATE_SCOPE). */
  userCreateScope: { env: 'API_USER_CREATE_SCOPE', default: [] as string[], parseEnv: (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean) },
  /** The shortest password accepted (PASSWORD_MIN_LENGTH). */
  passwordMinLength: {
    env: 'PASSWORD_MIN_LENGTH',
    default: DEFAULT_PASSWORD_POLICY.minLength as number,
    parseEnv: (value: string) => Math.min(PASSWORD_MIN_LENGTH_BOUNDS.max, Math.max(PASSWORD_MIN_LENGTH_BOUNDS.min, Number.parseInt(value, 10) || DEFAULT_PASSWORD_POLICY.minLength)),
  },
  /** Character classes every password must contain, as in the seeds' older rules (PASSWORD_REQUIRED_CLASSES=uppercase,digit). */
  passwordRequiredClasses: {
    env: 'PASSWORD_REQUIRED_CLASSES',
    default: DEFAULT_PASSWORD_POLICY.requiredClasses as CharacterClass[],
    parseEnv: (value: string) => value.split(',').map((s) => s.trim()).filter((s): s is CharacterClass => (CHARACTER_CLASS_NAMES as string[]).includes(s)),
  },
  /** How long the audit trail keeps events (AUDIT_RETENTION_DAYS); a daily job removes older ones (lib/audit/retention.ts). */
  auditRetentionDays: {
    env: 'AUDIT_RETENTION_DAYS',
    default: AUDIT_RETENTION_DAYS.default as number,
    parseEnv: (value: string) => Math.min(AUDIT_RETENTION_DAYS.max, Math.max(AUDIT_RETENTION_DAYS.min, Number.parseInt(value, 10) || AUDIT_RETENTION_DAYS.default)),
  },
  /** Suspending accounts nobody has used for long (lib/inactivity). Five fields that only make sense together: no environment variable pins it. */
  inactivityPolicy: { default: DEFAULT_INACTIVITY_POLICY },
} as const;

type SettingKey = keyof typeof SETTINGS;
type SettingDefinition = { env?: string; default: unknown; parseEnv?: (value: string) => unknown };
type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K]['default'];

export async function getSetting<K extends SettingKey>(key: K): Promise<SettingValue<K>> {
  const definition: SettingDefinition = SETTINGS[key];
  const fromEnv = definition.env ? process.env[definition.env] : undefined;
  if (fromEnv !== undefined && fromEnv !== '' && definition.parseEnv) return definition.parseEnv(fromEnv) as SettingValue<K>;
  const [row] = await getDb().select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return ((row?.value as SettingValue<K> | undefined) ?? definition.default) as SettingValue<K>;
}

/** Whether the environment pins a setting, so the settings page shows it read-only. */
export function isSettingPinned(key: SettingKey): boolean {
  const { env }: SettingDefinition = SETTINGS[key];
  return Boolean(env && process.env[env]);
}

export async function setSetting<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void> {
  await transaction((tx) => tx.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }));
}

export async function getPasswordPolicy(): Promise<PasswordPolicy> {
  return { minLength: await getSetting('passwordMinLength'), requiredClasses: await getSetting('passwordRequiredClasses') };
}
