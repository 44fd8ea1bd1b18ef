import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, signInForToken } from '../support/api';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';
import { browserSession } from '../support/server-actions';

/**
 * Issue 12, defect 4: every page and every API answer carries the browser security headers;
 * pages get a Content-Security-Policy whose scripts are allowed by a per-request nonce only.
 */

type Csp = Map<string, string[]>;

function parseCsp(value: string | null): Csp {
  expect(value, 'a Content-Security-Policy header').toBeTruthy();
  return new Map(
    value!
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name.toLowerCase(), sources]),
  );
}

function nonceOf(csp: Csp): string {
  const nonces = (csp.get('script-src') ?? []).filter((source) => /^'nonce-[^']+'$/.test(source));
  expect(nonces, 'one nonce in script-src').toHaveLength(1);
  return nonces[0].slice("'nonce-".length, -1);
}

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { redirect: 'manual', headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** What every answer, page or API, carries. */
function expectCommonHeaders(headers: Headers) {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('referrer-policy')).toBe('same-origin');
  const permissions = headers.get('permissions-policy') ?? '';
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) expect(permissions).toContain(`${feature}=()`);
}

/** A page's CSP: scripts by nonce only, nothing framing it, no plugins, no <base> tricks. Returns the nonce. */
function expectPageCsp(headers: Headers): string {
  const csp = parseCsp(headers.get('content-security-policy'));
  const scripts = csp.get('script-src')!;
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(scripts).not.toContain('*');
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('style-src')).not.toContain("'unsafe-inline'");
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
  expect(csp.get('form-action')).toEqual(["'self'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  return nonceOf(csp);
}

/** Every <script> in the page carries the header's nonce, so the browser runs Next's own scripts. */
function expectScriptsCarry(html: string, nonce: string) {
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, tag).toContain(` nonce="${nonce}"`);
}

function expectApiHeaders(headers: Headers) {
  expectCommonHeaders(headers);
  expect(headers.get('cache-control')).toBe('no-store');
  const csp = parseCsp(headers.get('content-security-policy'));
  expect(csp.get('default-src')).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
}

let token = '';
let adminCookie = '';

beforeAll(async () => {
  token = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
  adminCookie = await browserSession(baseUrl(), TEST_ADMIN.email, TEST_ADMIN.password);
});

describe('pages', () => {
  it('the signed-out sign-in page carries every header and a nonce on its scripts', async () => {
    const page = await get(`${baseUrl()}/sign-in`);
    expect(page.status).toBe(200);
    expectCommonHeaders(page.headers);
    expectScriptsCarry(page.text, expectPageCsp(page.headers));
  });

  it('an admin page carries every header and a nonce on its scripts', async () => {
    const page = await get(`${baseUrl()}/users`, { cookie: adminCookie });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Users');
    expectCommonHeaders(page.headers);
    expectScriptsCarry(page.text, expectPageCsp(page.headers));
  });

  it('a redirect to sign-in carries them too', async () => {
    const page = await get(`${baseUrl()}/users`);
    expect(page.status).toBe(307);
    expectCommonHeaders(page.headers);
    expectPageCsp(page.headers);
  });

  it('each request gets a fresh nonce (the pages render per request)', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) nonces.add(expectPageCsp((await get(`${baseUrl()}/sign-in`)).headers));
    for (let i = 0; i < 2; i++) nonces.add(expectPageCsp((await get(`${baseUrl()}/users`, { cookie: adminCookie })).headers));
    expect(nonces.size).toBe(5);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64').length).toBeGreaterThanOrEqual(16);
  });
});

describe('API answers', () => {
  it('a success carries nosniff, no framing, the referrer policy and no-store', async () => {
    const me = await get(`${baseUrl()}/api/v1/me`, { authorization: `Bearer ${token}` });
    expect(me.status).toBe(200);
    expect(JSON.parse(me.text).email).toBe(TEST_ADMIN.email);
    expectApiHeaders(me.headers);
  });

  it('errors carry them too, and stay problem+json with no-store', async () => {
    for (const [path, status] of [
      ['/api/v1/me', 401],
      ['/api/v1/no-such-endpoint', 404],
    ] as const) {
      const answer = await get(`${baseUrl()}${path}`);
      expect(answer.status).toBe(status);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
      expectApiHeaders(answer.headers);
    }
  });

  it("Auth.js's endpoints carry them too", async () => {
    const session = await get(`${baseUrl()}/api/auth/session`, { cookie: adminCookie });
    expect(session.status).toBe(200);
    expect(JSON.parse(session.text).user.email).toBe(TEST_ADMIN.email);
    expectApiHeaders(session.headers);
  });
});

describe('Strict-Transport-Security', () => {
  const paths = ['/sign-in', '/api/v1/me'];

  it('is not sent over plain HTTP, even when a client claims HTTPS without a trusted proxy', async () => {
    for (const path of paths) {
      for (const headers of [{}, { 'x-forwarded-proto': 'https' }] as Record<string, string>[]) {
        const answer = await get(`${baseUrl()}${path}`, headers);
        expect(answer.headers.get('strict-transport-security'), path).toBeNull();
        if (path === '/sign-in') expect(parseCsp(answer.headers.get('content-security-policy')).has('upgrade-insecure-requests')).toBe(false);
      }
    }
  });

  describe('with an https APP_URL', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer({ env: { APP_URL: 'https://gatehouse.test.example' } });
    });
    afterAll(() => server?.stop());

    it('is sent on pages and API answers, and the CSP upgrades insecure requests', async () => {
      for (const path of paths) {
        const answer = await get(`${server.url}${path}`);
        expect(answer.headers.get('strict-transport-security'), path).toBe('max-age=31536000');
      }
      expect(parseCsp((await get(`${server.url}/sign-in`)).headers.get('content-security-policy')).has('upgrade-insecure-requests')).toBe(true);
    });
  });

  describe('behind a trusted proxy (TRUST_PROXY=true)', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer({ env: { TRUST_PROXY: 'true' } });
    });
    afterAll(() => server?.stop());

    it('is sent when the proxy says the request came over HTTPS, and not otherwise', async () => {
      for (const path of paths) {
        expect((await get(`${server.url}${path}`, { 'x-forwarded-proto': 'https' })).headers.get('strict-transport-security'), path).toBe('max-age=31536000');
        expect((await get(`${server.url}${path}`, { 'x-forwarded-proto': 'http' })).headers.get('strict-transport-security'), path).toBeNull();
        expect((await get(`${server.url}${path}`)).headers.get('strict-transport-security'), path).toBeNull();
      }
    });
  });
});
