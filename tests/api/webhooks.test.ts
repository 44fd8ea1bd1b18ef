import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiAt, signInForToken } from '../support/api';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';

/**
 * Webhooks end to end: a server of its own that may send to loopback (the receiver below, a
 * real HTTP server on 127.0.0.1), with retries, the disabling window and the receiver timeout
 * made short; and the shared server, which keeps the default and refuses private addresses.
 */

const RETRY_MS = 300;
const DISABLE_AFTER_MS = 5_000;
const TIMEOUT_MS = 1_000;
const PASSWORD = 'webhook test password 1';

type Received = { path: string; headers: IncomingHttpHeaders; body: string };
/** How the receiver answers the nth request (from 1) to a path: a status, or never. */
type Plan = (nth: number) => number | 'never';

/** An HTTP server on 127.0.0.1 that records every request and answers as each path's plan says (200 by default). */
async function startReceiver() {
  const received: Received[] = [];
  const plans = new Map<string, Plan>();
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body });
      const answer = plans.get(path)?.(received.filter((r) => r.path === path).length) ?? 200;
      if (answer === 'never') return;
      // A long answer, to see it stored cut short.
      response.writeHead(answer, { 'content-type': 'text/plain' }).end(answer >= 300 ? `refused ${'x'.repeat(5_000)}` : 'thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    plan: (path: string, plan: Plan) => plans.set(path, plan),
    at: (path: string) => received.filter((r) => r.path === path),
    stop: () => new Promise<void>((resolve) => server.closeAllConnections() ?? server.close(() => resolve())),
  };
}

let server: RunningServer;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let token: string;
let tenantId: string;
let serial = 0;

const call = (path: string, init: { method?: string; json?: unknown } = {}) => apiAt(server.url, path, { ...init, token });

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function registerEndpoint(path: string, events: string[]) {
  const created = await call('/api/v1/webhooks', { method: 'POST', json: { url: receiver.url(path), events, description: `test ${path}` } });
  expect(created.status, created.text).toBe(201);
  return created.body as { id: string; secret: string };
}

async function newUser(): Promise<string> {
  serial += 1;
  const created = await call('/api/v1/users', { method: 'POST', json: { email: `hook-${serial}-${Date.now()}@example.com`, password: PASSWORD } });
  expect(created.status, created.text).toBe(201);
  return created.body.user.id as string;
}

const addMember = async (userId: string) => expect((await call(`/api/v1/tenants/${tenantId}/users/${userId}`, { method: 'PUT', json: { role: 'user' } })).status).toBe(201);
const removeMember = async (userId: string) => expect((await call(`/api/v1/tenants/${tenantId}/users/${userId}`, { method: 'DELETE' })).status).toBe(204);

async function deliveries(endpointId: string) {
  const page = await call(`/api/v1/webhooks/${endpointId}/deliveries`);
  expect(page.status, page.text).toBe(200);
  return page.body.items as { id: string; status: string; attempts: number; responseStatus: number | null; responseBody: string | null; error: string | null; durationMs: number | null }[];
}

beforeAll(async () => {
  [server, receiver] = await Promise.all([
    startServer({
      env: {
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        WEBHOOK_RETRY_DELAYS_MS: Array(20).fill(RETRY_MS).join(','),
        WEBHOOK_DISABLE_AFTER_MS: String(DISABLE_AFTER_MS),
        WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
      },
    }),
    startReceiver(),
  ]);
  token = (await apiAt(server.url, '/api/v1/auth/token', { method: 'POST', json: { email: TEST_ADMIN.email, password: TEST_ADMIN.password } })).body.token;
  tenantId = (await call('/api/v1/tenants', { method: 'POST', json: { slug: 'hooks', name: 'Hooks' } })).body.id;
});

afterAll(async () => {
  await server?.stop();
  await receiver?.stop();
});

describe('registering an endpoint', () => {
  it('answers the signing secret once; reads never show it', async () => {
    const created = await registerEndpoint('/secret', ['user.created']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{40,}={0,2}$/);
    expect(created).toMatchObject({ url: receiver.url('/secret'), events: ['user.created'], enabled: true, disabledReason: null, lastDelivery: null });
    const one = await call(`/api/v1/webhooks/${created.id}`);
    const list = await call('/api/v1/webhooks');
    expect(one.status).toBe(200);
    expect(one.body).not.toHaveProperty('secret');
    for (const answer of [one, list]) expect(answer.text).not.toContain(created.secret.slice('whsec_'.length, 30));
    expect((await call(`/api/v1/webhooks/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(`/api/v1/webhooks/${created.id}`)).status).toBe(404);
  });

  it('refuses URLs that are not http(s) or that carry credentials', async () => {
    for (const url of ['ftp://example.com/hook', 'javascript:alert(1)', 'not a url', 'https://user:pass@example.com/hook']) {
      const answer = await call('/api/v1/webhooks', { method: 'POST', json: { url, events: ['user.created'] } });
      expect(answer.status, url).toBe(422);
      expect(answer.body.errors, url).toEqual([expect.objectContaining({ path: 'url' })]);
    }
    const noEvents = await call('/api/v1/webhooks', { method: 'POST', json: { url: receiver.url('/x'), events: [] } });
    expect(noEvents.status).toBe(422);
    expect(noEvents.body.errors).toEqual([{ path: 'events', message: 'Choose at least one event type.' }]);
    const unknownEvent = await call('/api/v1/webhooks', { method: 'POST', json: { url: receiver.url('/x'), events: ['user.exploded'] } });
    expect(unknownEvent.status).toBe(422);
  });

  it('on a server without WEBHOOK_ALLOW_PRIVATE_NETWORKS, refuses private, loopback and link-local addresses, before and after DNS', async () => {
    const adminToken = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
    const cases: [string, RegExp][] = [
      ['http://127.0.0.1:8080/hook', /loopback address \(127\.0\.0\.1\)/],
      ['http://localhost:8080/hook', /localhost resolves to a loopback address/],
      ['http://[::1]/hook', /loopback address \(::1\)/],
      ['http://0x7f000001/hook', /loopback address/],
      ['https://10.1.2.3/hook', /private address \(10\.1\.2\.3\)/],
      ['http://169.254.169.254/latest/meta-data', /link-local address/],
      ['http://no-such-host.invalid/hook', /could not be resolved/],
    ];
    for (const [url, message] of cases) {
      const answer = await api('/api/v1/webhooks', { method: 'POST', token: adminToken, json: { url, events: ['user.created'] } });
      expect(answer.status, url).toBe(422);
      expect(answer.body.errors, url).toEqual([{ path: 'url', message: expect.stringMatching(message) }]);
    }
    // An existing endpoint cannot be moved there either.
    const created = await api('/api/v1/webhooks', { method: 'POST', token: adminToken, json: { url: 'https://93.184.215.14/hook', events: ['user.created'], enabled: false } });
    expect(created.status, created.text).toBe(201);
    const moved = await api(`/api/v1/webhooks/${created.body.id}`, { method: 'PATCH', token: adminToken, json: { url: 'http://192.168.0.10/hook' } });
    expect(moved.status).toBe(422);
    expect(moved.body.errors).toEqual([{ path: 'url', message: expect.stringMatching(/private address/) }]);
    expect((await api(`/api/v1/webhooks/${created.body.id}`, { method: 'DELETE', token: adminToken })).status).toBe(204);
  });
});

describe('deliveries', () => {
  it('delivers a change as a signed message the Standard Webhooks library verifies', async () => {
    const endpoint = await registerEndpoint('/signed', ['tenant.member_added']);
    const userId = await newUser();
    await addMember(userId);
    const [message] = await until('the signed delivery', () => receiver.at('/signed').length > 0 && receiver.at('/signed'));
    expect(message.headers['content-type']).toBe('application/json');
    expect(message.headers['user-agent']).toMatch(/Gatehouse/);
    const payload = new Webhook(endpoint.secret).verify(message.body, message.headers as Record<string, string>) as { type: string; data: { target: string; tenantId: string } };
    expect(payload).toMatchObject({ type: 'tenant.member_added', data: { target: userId } });
    // Any other secret, or a changed body, fails verification.
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(message.body, message.headers as Record<string, string>)).toThrow();
    expect(() => new Webhook(endpoint.secret).verify(message.body.replace(userId, 'usr_someone'), message.headers as Record<string, string>)).toThrow();
    const delivery = await until('the delivered status', async () => (await deliveries(endpoint.id)).find((d) => d.status === 'delivered'));
    expect(delivery).toMatchObject({ id: message.headers['webhook-id'], attempts: 1, responseStatus: 200, responseBody: 'thanks', error: null });
    await call(`/api/v1/webhooks/${endpoint.id}`, { method: 'DELETE' });
  });

  it('retries after 500s until the receiver accepts: one delivery, the same webhook-id on every attempt', async () => {
    receiver.plan('/flaky', (nth) => (nth <= 2 ? 500 : 200));
    const endpoint = await registerEndpoint('/flaky', ['tenant.member_added']);
    await addMember(await newUser());
    await until('three attempts', () => receiver.at('/flaky').length >= 3);
    const ids = receiver.at('/flaky').map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(1);
    const items = await until('the delivery to be delivered', async () => {
      const list = await deliveries(endpoint.id);
      return list[0]?.status === 'delivered' && list;
    });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: ids[0], attempts: 3, responseStatus: 200 });
    // Nothing more is sent once delivered.
    await new Promise((resolve) => setTimeout(resolve, 2 * RETRY_MS + 1_200));
    expect(receiver.at('/flaky')).toHaveLength(3);
    await call(`/api/v1/webhooks/${endpoint.id}`, { method: 'DELETE' });
  });

  it('keeps one user’s events in order, even when the first attempt fails', async () => {
    receiver.plan('/ordered', (nth) => (nth === 1 ? 500 : 200));
    const endpoint = await registerEndpoint('/ordered', ['tenant.member_added', 'tenant.member_removed']);
    const userId = await newUser();
    await addMember(userId);
    await removeMember(userId);
    await addMember(userId);
    await removeMember(userId);
    const arrived = await until('five requests', () => receiver.at('/ordered').length >= 5 && receiver.at('/ordered'));
    const types = arrived.map((r) => (JSON.parse(r.body) as { type: string }).type);
    expect(types).toEqual(['tenant.member_added', 'tenant.member_added', 'tenant.member_removed', 'tenant.member_added', 'tenant.member_removed']);
    const events = arrived.map((r) => (JSON.parse(r.body) as { data: { auditEventId: number } }).data.auditEventId);
    expect(events[0]).toBe(events[1]);
    expect(events.slice(1)).toEqual([...events.slice(1)].sort((a, b) => a - b));
    await call(`/api/v1/webhooks/${endpoint.id}`, { method: 'DELETE' });
  });

  it('redelivers a delivered message with the same webhook-id', async () => {
    const endpoint = await registerEndpoint('/again', ['tenant.member_added']);
    await addMember(await newUser());
    const delivered = await until('the delivery', async () => (await deliveries(endpoint.id)).find((d) => d.status === 'delivered'));
    const redelivered = await call(`/api/v1/webhooks/${endpoint.id}/deliveries/${delivered.id}/redeliver`, { method: 'POST' });
    expect(redelivered.status, redelivered.text).toBe(202);
    expect(redelivered.body).toMatchObject({ id: delivered.id, status: 'pending', attempts: 0 });
    await until('the second request', () => receiver.at('/again').length >= 2);
    expect(receiver.at('/again').map((r) => r.headers['webhook-id'])).toEqual([delivered.id, delivered.id]);
    expect((await call(`/api/v1/webhooks/${endpoint.id}/deliveries/msg_nope/redeliver`, { method: 'POST' })).status).toBe(404);
    await call(`/api/v1/webhooks/${endpoint.id}`, { method: 'DELETE' });
  });

  it('cuts off a receiver that does not answer in time', async () => {
    receiver.plan('/slow', () => 'never');
    const endpoint = await registerEndpoint('/slow', ['tenant.member_added']);
    await addMember(await newUser());
    const attempt = await until('a timed-out attempt', async () => (await deliveries(endpoint.id)).find((d) => d.attempts > 0));
    expect(attempt.error).toMatch(/within 1 s/);
    expect(attempt.responseStatus).toBeNull();
    expect(attempt.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(attempt.durationMs).toBeLessThan(TIMEOUT_MS + 1_500);
    await call(`/api/v1/webhooks/${endpoint.id}`, { method: 'DELETE' });
  });

  it('disables an endpoint that keeps failing past the window, gives up its deliveries (the answer stored cut short) and mails the admins', async () => {
    receiver.plan('/down', () => 503);
    const endpoint = await registerEndpoint('/down', ['tenant.member_added']);
    await addMember(await newUser());
    const disabled = await until('the endpoint to be disabled', async () => {
      const answer = await call(`/api/v1/webhooks/${endpoint.id}`);
      return answer.body.enabled === false && answer.body;
    }, DISABLE_AFTER_MS + 15_000);
    expect(disabled.disabledReason).toMatch(/failed for .* The last error: The receiver answered 503/);
    const [delivery] = await deliveries(endpoint.id);
    expect(delivery.status).toBe('failed');
    expect(delivery.responseStatus).toBe(503);
    expect(delivery.responseBody!.length).toBeLessThanOrEqual(2_048);
    expect(delivery.responseBody).toMatch(/^refused x+$/);
    const mail = await until('the admins’ mail', async () => ((await call('/api/v1/mail')).body.items as { kind: string; to: string; preview: string }[]).find((m) => m.kind === 'webhook-disabled'));
    expect(mail.to).toBe(TEST_ADMIN.email);
    expect(mail.preview).toContain(receiver.url('/down'));
    // Nothing more is sent to it; enabling it again clears the reason.
    const attempts = receiver.at('/down').length;
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS + 1_200));
    expect(receiver.at('/down')).toHaveLength(attempts);
    const enabled = await call(`/api/v1/webhooks/${endpoint.id}`, { method: 'PATCH', json: { enabled: true } });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
    await call(`/api/v1/webhooks/${endpoint.id}`, { method: 'DELETE' });
  }, DISABLE_AFTER_MS + 30_000);
});
