import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl } from '../support/api';
import { TEST_ADMIN } from '../support/server';
import { browserSession, callServerAction, FormFields, serverActionsInBuild, type ServerAction } from '../support/server-actions';

/**
 * Issue 12, defect 2: after sign-in the app follows `callbackUrl`, which anyone can write
 * into a link. Whatever the trick, the browser must stay on the app's origin.
 */

const TRICKS: Record<string, string> = {
  tab: '/\t/evil.example',
  newline: '/\n/evil.example',
  'carriage return': '/\r/evil.example',
  'NUL before': '\x00//evil.example',
  'DEL between': '/\x7f/evil.example',
  'leading and trailing spaces': '  //evil.example  ',
  'backslash after slash': '/\\evil.example',
  'two backslashes': '\\\\evil.example',
  'protocol-relative': '//evil.example',
  'three slashes': '///evil.example',
  'dot segment before two slashes': '/.//evil.example',
  'encoded slashes': '/%2F%2Fevil.example',
  'encoded slashes, no leading slash': '%2F%2Fevil.example',
  'javascript:': 'javascript:alert(1)',
  'javascript: in mixed case after a space': ' JaVaScRiPt:alert(1)',
  'data:': 'data:text/html,<script>alert(1)</script>',
  'userinfo in a path': '/@evil.example',
  'userinfo before another host': 'http://app@evil.example',
  'another host before userinfo': 'https://evil.example@localhost',
  'absolute URL on another origin': 'https://evil.example/users',
};

const origin = () => new URL(baseUrl()).origin;

/** Where a browser would land after a redirect to `location` from the app. */
function landing(location: string | null): URL {
  expect(location, 'a Location to follow').toBeTruthy();
  return new URL(location!, baseUrl());
}

let adminCookie = '';
let signInAction: ServerAction;

beforeAll(async () => {
  adminCookie = await browserSession(baseUrl(), TEST_ADMIN.email, TEST_ADMIN.password);
  signInAction = serverActionsInBuild().find((action) => action.name === 'signInAction')!;
});

describe('GET /sign-in?callbackUrl= while signed in', () => {
  for (const [trick, callbackUrl] of Object.entries(TRICKS)) {
    it(`stays on the app's origin: ${trick}`, async () => {
      const response = await fetch(`${baseUrl()}/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`, { redirect: 'manual', headers: { cookie: adminCookie } });
      expect(response.status).toBe(307);
      const target = landing(response.headers.get('location'));
      expect(target.origin).toBe(origin());
      expect(target.pathname).not.toMatch(/^\/\//);
    });
  }

  it('keeps a path on the app with its query and hash', async () => {
    const response = await fetch(`${baseUrl()}/sign-in?callbackUrl=${encodeURIComponent('/users?pattern=ann&page=2#list')}`, { redirect: 'manual', headers: { cookie: adminCookie } });
    expect(response.status).toBe(307);
    const target = landing(response.headers.get('location'));
    expect(target.href).toBe(`${origin()}/users?pattern=ann&page=2#list`);
  });
});

describe("the sign-in form's server action", () => {
  for (const [trick, callbackUrl] of Object.entries(TRICKS)) {
    it(`redirects within the app after signing in: ${trick}`, async () => {
      const outcome = await callServerAction(baseUrl(), signInAction, [{}, new FormFields({ identifier: TEST_ADMIN.email, password: TEST_ADMIN.password, callbackUrl })]);
      const target = landing(outcome.redirectedTo);
      expect(target.origin).toBe(origin());
      expect(target.pathname).not.toMatch(/^\/\//);
    });
  }

  it('goes to the asked-for page when it is on the app', async () => {
    const outcome = await callServerAction(baseUrl(), signInAction, [{}, new FormFields({ identifier: TEST_ADMIN.email, password: TEST_ADMIN.password, callbackUrl: '/tenants?page=1' })]);
    expect(landing(outcome.redirectedTo).href).toBe(`${origin()}/tenants?page=1`);
  });
});

describe("Auth.js's own credentials endpoint", () => {
  it('follows only callbackUrls on the app', async () => {
    for (const callbackUrl of Object.values(TRICKS)) {
      const csrf = await fetch(`${baseUrl()}/api/auth/csrf`);
      const cookies = csrf.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const response = await fetch(`${baseUrl()}/api/auth/callback/credentials`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; ') },
        body: new URLSearchParams({ identifier: TEST_ADMIN.email, password: TEST_ADMIN.password, csrfToken, callbackUrl }),
      });
      const target = landing(response.headers.get('location'));
      expect(target.origin, JSON.stringify(callbackUrl)).toBe(origin());
      expect(target.pathname, JSON.stringify(callbackUrl)).not.toMatch(/^\/\//);
    }
  });
});
