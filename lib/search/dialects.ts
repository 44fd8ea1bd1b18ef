import { getEngine } from '@/db/client';
import type { EngineName } from '@/db/location';
import type { SearchDialect } from './dialect';
import { postgresSearch } from './postgres';
import { sqliteSearch } from './sqlite';

const DIALECTS: Record<EngineName, SearchDialect> = { sqlite: sqliteSearch, postgres: postgresSearch };

/** The dialect of the engine chosen at start-up. */
export function searchDialect(): SearchDialect {
  return DIALECTS[getEngine().name];
}
