import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, signInForToken } from '../support/api';
import { TEST_ADMIN } from '../support/server';
import { browserSession, callServerAction, serverActionsInBuild } from '../support/server-actions';
import { gatehouse } from '../support/typed-client';

/**
 * Issue 12, defect 3: a session cookie saved before "Sign out" must stop working at once,
 * on the server, and the sign-out must clear the cookie. Other browsers stay signed in.
 */

const PASSWORD = 'sign out password 12';
const tag = `so${Date.now().toString(36)}`;
let email = '';

async function pageStatus(path: string, cookie: string) {
  const response = await fetch(`${baseUrl()}${path}`, { headers: { cookie }, redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location') };
}

async function meStatus(cookie: string) {
  return (await gatehouse({ headers: { cookie } }).GET('/api/v1/me')).response.status;
}

beforeAll(async () => {
  const adminToken = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
  email = `${tag}@example.com`;
  const created = await gatehouse({ token: adminToken }).POST('/api/v1/users', { body: { email, password: PASSWORD } });
  expect(created.response.status).toBe(201);
});

describe('sign-out', () => {
  it('through the sign-out button ends the session on the server and clears the cookie', async () => {
    const saved = await browserSession(baseUrl(), email, PASSWORD);
    const otherBrowser = await browserSession(baseUrl(), email, PASSWORD);
    expect(await meStatus(saved)).toBe(200);
    expect((await pageStatus('/account', saved)).status).toBe(200);

    const signOut = serverActionsInBuild().find((action) => action.name === 'signOutAction')!;
    const outcome = await callServerAction(baseUrl(), { ...signOut, page: '/account' }, [], saved);
    expect(new URL(outcome.redirectedTo!, baseUrl()).pathname).toBe('/sign-in');
    const cleared = outcome.setCookies.find((cookie) => cookie.includes('session-token='));
    expect(cleared).toBeDefined();
    expect(cleared).toMatch(/session-token=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i);

    // The copy saved before signing out no longer opens anything.
    expect(await meStatus(saved)).toBe(401);
    const account = await pageStatus('/account', saved);
    expect(account.status).toBe(307);
    expect(account.location).toContain('/sign-in');
    // Only this browser signed out.
    expect(await meStatus(otherBrowser)).toBe(200);
  });

  it('through Auth.js’s own sign-out endpoint ends the session too', async () => {
    const saved = await browserSession(baseUrl(), email, PASSWORD);
    const csrf = await fetch(`${baseUrl()}/api/auth/csrf`, { headers: { cookie: saved } });
    const csrfCookie = csrf.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await fetch(`${baseUrl()}/api/auth/signout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [saved, ...csrfCookie].join('; ') },
      body: new URLSearchParams({ csrfToken }),
    });
    expect([302, 303]).toContain(response.status);
    expect(await meStatus(saved)).toBe(401);
  });
});
