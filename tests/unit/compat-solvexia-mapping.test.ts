import { describe, expect, it } from 'vitest';
import { isoDateFromSolvexia, solvexiaDateFromIso, solvexiaDateTime } from '@/lib/compat/solvexia/formats';
import { solvexiaUserCreateSchema, solvexiaUserUpdateSchema } from '@/lib/compat/solvexia/schemas';
import { solvexiaNameForZone, solvexiaTimezoneNames, zoneForSolvexiaName } from '@/lib/compat/solvexia/timezones';

/** Solvexia's value formats <-> Gatehouse's: dates of birth, sign-in times and Windows-style time zone names. */

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]);

describe('Solvexia time zones', () => {
  it('maps the document’s display names to IANA zones and back', () => {
    expect(zoneForSolvexiaName('(UTC+10:00) Canberra, Melbourne, Sydney')).toEqual({ zone: 'Australia/Melbourne' });
    expect(zoneForSolvexiaName('(UTC-10:00) Hawaii')).toEqual({ zone: 'Pacific/Honolulu' });
    expect(solvexiaNameForZone('Australia/Sydney')).toBe('(UTC+10:00) Canberra, Melbourne, Sydney');
    expect(solvexiaNameForZone('Pacific/Honolulu')).toBe('(UTC-10:00) Hawaii');
    expect(solvexiaNameForZone('Europe/London')).toBe('(UTC) Edinburgh, London');
    expect(zoneForSolvexiaName('(UTC+01:00) Edinburgh, London')).toEqual({ zone: 'Europe/London' });
    expect(solvexiaNameForZone('Europe/Helsinki')).toBe('(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius');
    expect(solvexiaNameForZone('Asia/Kolkata')).toMatch(/Kolkata/);
  });

  it('reads every display name back as itself, except the daylight-time names whose every zone another name also lists', () => {
    const changed = solvexiaTimezoneNames().filter((name) => {
      const found = zoneForSolvexiaName(name);
      return !('zone' in found) || solvexiaNameForZone(found.zone) !== name;
    });
    expect(changed).toEqual(['(UTC-07:00) Pacific Daylight Time (US & Canada)', '(UTC-04:00) Eastern Daylight Time (US & Canada)', '(UTC+01:00) Edinburgh, London', '(UTC+12:00) Petropavlovsk-Kamchatsky - Old']);
  });

  it('stores a named place, never Etc/GMT±n, where the list has one', () => {
    for (const name of solvexiaTimezoneNames()) {
      const found = zoneForSolvexiaName(name);
      expect('zone' in found).toBe(true);
    }
    expect(zoneForSolvexiaName('(UTC-10:00) Hawaii')).not.toEqual({ zone: 'Etc/GMT+10' });
  });

  it('takes IANA names too (what it answers for zones no display name covers), and refuses anything else', () => {
    expect(solvexiaNameForZone('Pacific/Chatham')).toBe('Pacific/Chatham');
    expect(zoneForSolvexiaName('Pacific/Chatham')).toEqual({ zone: 'Pacific/Chatham' });
    expect(zoneForSolvexiaName('(UTC+10:00) Atlantis')).toEqual({ problem: 'unknown' });
    expect(zoneForSolvexiaName('Mars/Olympus_Mons')).toEqual({ problem: 'unknown' });
    expect(zoneForSolvexiaName('EST')).toEqual({ problem: 'unknown' });
    expect(zoneForSolvexiaName('(UTC-02:00) Mid-Atlantic - Old')).toEqual({ problem: 'no-zone' });
  });
});

describe('Solvexia dates', () => {
  it('converts dd/MM/yyyy to the ISO date Gatehouse stores and back', () => {
    expect(isoDateFromSolvexia('19/09/1999')).toBe('1999-09-19');
    expect(solvexiaDateFromIso('1999-09-19')).toBe('19/09/1999');
  });

  it('formats sign-in times as printed: seven fractional digits, no offset (UTC)', () => {
    expect(solvexiaDateTime(new Date('2011-03-14T14:56:00.000Z'))).toBe('2011-03-14T14:56:00.0000000');
    expect(solvexiaDateTime(new Date('2011-03-14T14:56:00.123Z'))).toBe('2011-03-14T14:56:00.1230000');
  });

  it('refuses other formats and impossible or future dates, naming dateOfBirth', () => {
    for (const value of ['1999-09-19', '9/9/1999', '19.09.1999', '09/19/1999', '31/02/2000', '00/01/2000', '19/09/99', '01/01/2999', '']) {
      const result = solvexiaUserUpdateSchema.safeParse({ dateOfBirth: value });
      expect(result.success, value).toBe(false);
      expect(issuesOf(result).map(([path]) => path)).toEqual(['dateOfBirth']);
    }
    expect(solvexiaUserUpdateSchema.parse({ dateOfBirth: '29/02/2000' })).toEqual({ dateOfBirth: '2000-02-29' });
    expect(solvexiaUserUpdateSchema.parse({ dateOfBirth: null })).toEqual({ dateOfBirth: null });
  });
});

describe('Solvexia request bodies', () => {
  it('turns an update into Gatehouse’s fields', () => {
    expect(
      solvexiaUserUpdateSchema.parse({ lastName: 'Jordan', accountStatus: 'Suspended', email: 'mona.jordan@sample.com', phoneNumberLand: '0281538412', userRole: 'Subscriber', timezone: '(UTC-10:00) Hawaii' }),
    ).toEqual({ lastName: 'Jordan', status: 'suspended', email: 'mona.jordan@sample.com', phoneLand: '0281538412', role: 'Subscriber', timezone: 'Pacific/Honolulu' });
  });

  it('names each missing or wrong field of a create', () => {
    const result = solvexiaUserCreateSchema.safeParse({ email: 'x@example.com', firstName: 5, userRole: 'Boss', timezone: 'Nowhere' });
    expect(Object.fromEntries(issuesOf(result))).toEqual({
      firstName: 'firstName must be a string.',
      lastName: 'lastName is required.',
      password: 'password is required.',
      userRole: 'userRole must be one of Subscriber, Designer, ClientAdmin, SVXAdmin.',
      timezone: 'Unknown time zone "Nowhere": use a display name such as "(UTC+10:00) Canberra, Melbourne, Sydney".',
    });
  });
});
