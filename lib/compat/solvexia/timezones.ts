import timezones from 'timezones.json';
import { isValidTimezone } from '@/lib/users/schemas';

/**
 * Solvexia names time zones by their Windows display names ("(UTC+10:00) Canberra,
 * Melbourne, Sydney"); Gatehouse stores IANA names ("Australia/Melbourne"). The package
 * `timezones.json` lists those display names with the IANA zones each covers (`utc`).
 *
 * A display name is stored as one of its zones: a named place rather than `Etc/GMT-10`, and
 * one that reads back as the same display name where the list allows. Some display names
 * share all their zones with another (the list's daylight-time variants, such as "(UTC-04:00)
 * Eastern Daylight Time (US & Canada)"): those read back as the standard-time name.
 */

type Entry = (typeof timezones)[number];

const normalize = (name: string) => name.trim().toLowerCase();

/** "Europe/Helsinki" -> "helsinki", "America/Argentina/Buenos_Aires" -> "buenos aires". */
const placeOf = (zone: string) => normalize(zone.split('/').pop()!.replaceAll('_', ' '));

/**
 * IANA zone -> display name. Where several names list a zone, the one that names its place
 * wins ("Helsinki, Kyiv, Riga..." over "E. Europe" for Europe/Helsinki), then a standard-time
 * name over a daylight-time one, then the list's order.
 */
const displayNameByZone = new Map<string, string>();
{
  const rank = (entry: Entry, zone: string) => (normalize(entry.text).includes(placeOf(zone)) ? 0 : 2) + (entry.isdst ? 1 : 0);
  const best = new Map<string, { text: string; rank: number }>();
  for (const entry of timezones) {
    for (const zone of entry.utc) {
      const candidate = { text: entry.text, rank: rank(entry, zone) };
      if (!best.has(zone) || candidate.rank < best.get(zone)!.rank) best.set(zone, candidate);
    }
  }
  for (const [zone, { text }] of best) displayNameByZone.set(zone, text);
}

function zoneFor(entry: Entry): string | null {
  const zones = entry.utc.filter(isValidTimezone);
  const readsBack = (zone: string) => displayNameByZone.get(zone) === entry.text;
  const named = (zone: string) => !zone.startsWith('Etc/');
  const namesPlace = (zone: string) => normalize(entry.text).includes(placeOf(zone));
  return zones.find((zone) => readsBack(zone) && named(zone)) ?? zones.find(readsBack) ?? zones.find(namesPlace) ?? zones.find(named) ?? zones[0] ?? null;
}

/** Display name (compared without case or surrounding spaces) -> the IANA zone stored for it. */
const zoneByDisplayName = new Map<string, string | null>(timezones.map((entry) => [normalize(entry.text), zoneFor(entry)]));

export type ZoneLookup = { zone: string } | { problem: 'unknown' | 'no-zone' };

/**
 * The IANA zone to store for a Solvexia time zone: a display name from the list, or (so that
 * whatever this dialect answers can be sent back) an IANA name itself.
 */
export function zoneForSolvexiaName(name: string): ZoneLookup {
  const key = normalize(name);
  if (zoneByDisplayName.has(key)) {
    const zone = zoneByDisplayName.get(key);
    return zone ? { zone } : { problem: 'no-zone' };
  }
  const iana = name.trim();
  return iana.includes('/') && isValidTimezone(iana) ? { zone: iana } : { problem: 'unknown' };
}

/** The Solvexia name of a stored IANA zone: its display name, or the IANA name when no display name covers it. */
export function solvexiaNameForZone(zone: string): string {
  const direct = displayNameByZone.get(zone);
  if (direct) return direct;
  // An alias stored through /api/v1 (Asia/Kolkata vs Asia/Calcutta) may be listed under the other spelling.
  const canonical = canonicalZone(zone);
  return (canonical && displayNameByZone.get(canonical)) ?? zone;
}

function canonicalZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Every display name the dialect accepts, in the list's order. */
export function solvexiaTimezoneNames(): string[] {
  return timezones.filter((entry) => zoneFor(entry) !== null).map((entry) => entry.text);
}
