import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { settings } from '@/db/schema';

/**
 * System settings: a value in the environment wins (so a deployment can pin it), then the
 * settings table, then the default.
 */
const SETTINGS = {
  /** Scopes a caller needs to create users through the API; empty means sign-up is open (Appmixer's API_USER_CREATE_SCOPE). */
  userCreateScope: { env: 'API_USER_CREATE_SCOPE', default: [] as string[], parseEnv: (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean) },
} as const;

type SettingKey = keyof typeof SETTINGS;
type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K]['default'];

export function getSetting<K extends SettingKey>(key: K): SettingValue<K> {
  const definition = SETTINGS[key];
  const fromEnv = process.env[definition.env];
  if (fromEnv !== undefined && fromEnv !== '') return definition.parseEnv(fromEnv);
  const row = getDb().select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get();
  return (row?.value as SettingValue<K> | undefined) ?? definition.default;
}
