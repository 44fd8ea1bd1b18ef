import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { getConfig } from '@/lib/server/config';

/**
 * The sign-in redirect target comes from the address bar, so anyone can write it. Every
 * trick a browser's URL parser forgives must end on the app's own origin.
 */

const app = new URL(getConfig().appUrl);

/** Where a browser on the app would go after being redirected to `location`. */
function followed(location: string): URL {
  return new URL(location, app);
}

const control = Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)).concat('\x7f');

const HOSTILE: Record<string, string[]> = {
  'tabs, newlines and carriage returns inside': ['/\t/evil.example', '/\n/evil.example', '/\r/evil.example', '/\r\n/evil.example', '\t//evil.example', '/\t\\evil.example'],
  'every C0 control and DEL before the slashes': control.map((c) => `${c}//evil.example`),
  'every C0 control and DEL between the slashes': control.map((c) => `/${c}/evil.example`),
  'leading and trailing spaces': [' //evil.example', '  //evil.example  ', '//evil.example ', ' \f\v//evil.example'],
  backslashes: ['/\\evil.example', '\\\\evil.example', '\\/evil.example', '/\\/evil.example', '\\evil.example\\'],
  'protocol-relative': ['//evil.example', '///evil.example', '////evil.example', '//evil.example/users', '//evil.example:443'],
  'paths that normalise to two slashes': ['/.//evil.example', '/..//evil.example', '/././/evil.example', '/%2e//evil.example', '/a/..//evil.example'],
  'javascript: URLs': ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', '\tjavascript:alert(1)', 'java\tscript:alert(1)', '\x01javascript:alert(1)'],
  'data: URLs': ['data:text/html,<script>alert(1)</script>', 'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
  'other schemes': ['vbscript:msgbox(1)', 'file:///etc/passwd', 'blob:https://evil.example/x'],
  userinfo: ['http://app@evil.example', `${app.protocol}//${app.host}@evil.example`, 'https://evil.example@localhost', `https://evil.example@${app.host}`, `${app.protocol}//evil.example\\@${app.host}`],
  'absolute URLs on other origins': ['https://evil.example', 'http://evil.example/users', `https://${app.host}/users`, `${app.protocol}//${app.hostname}:1/users`, `${app.protocol}//${app.host}.evil.example/`],
};

describe('safeCallbackPath', () => {
  for (const [trick, values] of Object.entries(HOSTILE)) {
    it(`keeps ${trick} on the app's origin`, () => {
      for (const value of values) {
        const path = safeCallbackPath(value);
        expect(followed(path).origin, JSON.stringify(value)).toBe(app.origin);
        expect(path, JSON.stringify(value)).toMatch(/^\/(?![/\\])/);
      }
    });
  }

  it('answers / for anything that leaves the origin', () => {
    for (const value of ['//evil.example', '/\t/evil.example', 'javascript:alert(1)', 'https://evil.example/users', '/.//evil.example']) {
      expect(safeCallbackPath(value), JSON.stringify(value)).toBe('/');
    }
  });

  it('answers / for no value or a non-string', () => {
    for (const value of [undefined, null, '', 42, ['/users'], { href: '/users' }]) expect(safeCallbackPath(value)).toBe('/');
  });

  it('keeps encoded slashes encoded, as a path on the app', () => {
    expect(safeCallbackPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
    expect(safeCallbackPath('%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
    expect(safeCallbackPath('/%5Cevil.example')).toBe('/%5Cevil.example');
  });

  it('keeps an absolute URL on the app\'s own origin, as its path', () => {
    expect(safeCallbackPath(`${app.origin}/users?page=2#top`)).toBe('/users?page=2#top');
    expect(safeCallbackPath(`${app.origin.toUpperCase()}/users`)).toBe('/users');
  });

  it('keeps normal paths with their query and hash', () => {
    expect(safeCallbackPath('/users')).toBe('/users');
    expect(safeCallbackPath('/users?pattern=ann&filter=status%3Aactive&page=2')).toBe('/users?pattern=ann&filter=status%3Aactive&page=2');
    expect(safeCallbackPath('/users/usr_abc#permissions')).toBe('/users/usr_abc#permissions');
    expect(safeCallbackPath('/account?changed=1#password')).toBe('/account?changed=1#password');
  });

  it('returns the normalised path, not the raw string', () => {
    expect(safeCallbackPath('/users/\t../tenants')).toBe('/tenants');
    expect(safeCallbackPath('/users/./x/../new')).toBe('/users/new');
    expect(safeCallbackPath('/\\users')).toBe('/');
    expect(safeCallbackPath('/users\\new')).toBe('/users/new');
    expect(safeCallbackPath('/users with space')).toBe('/users%20with%20space');
    expect(safeCallbackPath('  /users  ')).toBe('/users');
  });
});
