/**
 * `npm run bench:enumeration [-- --requests N]`: can a client tell from response times
 * whether an account exists? Starts the built app (`next build` first; NEXT_DIST_DIR is
 * honoured) on a fresh database, then alternates N requests (default 200) each of
 * forgot-password for an existing vs an unknown email, and sign-in with a wrong password for
 * an existing vs an unknown account, and prints the median and p90 of each side and their
 * difference. A script that prints figures, not a test.
 *
 * The throttles would otherwise answer with a quick 429 and spoil the figures, so:
 * - the server trusts X-Forwarded-For (TRUST_PROXY=true) and every request comes from an
 *   address of its own, which keeps it under the per-address limits (10 forgot-password
 *   requests, 20 failed sign-ins);
 * - each existing account gets at most 3 forgot-password requests (the per-account limit,
 *   past which no mail is sent and the comparison would flatter the server) and at most 3
 *   failed sign-ins (5 would block it), so there are N/3 accounts; unknown emails are all
 *   distinct.
 */
import { startServer, TEST_ADMIN, type RunningServer } from '../tests/support/server';

const PASSWORD = 'bench enumeration pass phrase';
const PER_ACCOUNT = 3;
const WARM_UP = 3;

function parseArgs(args: string[]): { requests: number } {
  if (args.length === 0) return { requests: 200 };
  const requests = Number(args[1]);
  if (args[0] !== '--requests' || args.length !== 2 || !Number.isSafeInteger(requests) || requests < 1) {
    throw new Error('Usage: npm run bench:enumeration [-- --requests N]   (N a positive whole number)');
  }
  return { requests };
}

let addressCount = 0;
/** A fresh client address for every request (see above). */
function nextAddress(): string {
  const n = ++addressCount;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

type Timed = { ms: number; status: number };

async function post(server: RunningServer, path: string, json: unknown, token?: string): Promise<Timed & { body: Record<string, unknown> }> {
  const started = performance.now();
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': nextAddress(), ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(json),
  });
  const text = await response.text();
  return { ms: performance.now() - started, status: response.status, body: text ? JSON.parse(text) : {} };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

/**
 * Runs `existing(i)` and `unknown(i)` n times, taking turns at going first so neither side
 * always follows the other's leftover work (a forgot-password request for an existing
 * account mails the link after answering).
 */
async function pairs(n: number, existing: (i: number) => Promise<Timed>, unknown: (i: number) => Promise<Timed>) {
  const results = { existing: [] as Timed[], unknown: [] as Timed[] };
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      results.existing.push(await existing(i));
      results.unknown.push(await unknown(i));
    } else {
      results.unknown.push(await unknown(i));
      results.existing.push(await existing(i));
    }
  }
  return results;
}

function report(title: string, expectedStatus: number, results: { existing: Timed[]; unknown: Timed[] }): void {
  const ms = (value: number) => `${value.toFixed(2).padStart(8)} ms`;
  const figures = (timed: Timed[]) => ({ median: percentile(timed.map((t) => t.ms), 50), p90: percentile(timed.map((t) => t.ms), 90) });
  const existing = figures(results.existing);
  const unknown = figures(results.unknown);
  console.log(`\n${title}, ${results.existing.length} pairs`);
  console.log(`               median        p90`);
  console.log(`  existing   ${ms(existing.median)} ${ms(existing.p90)}`);
  console.log(`  unknown    ${ms(unknown.median)} ${ms(unknown.p90)}`);
  console.log(`  difference ${ms(existing.median - unknown.median)} ${ms(existing.p90 - unknown.p90)}   (existing - unknown)`);
  const unexpected = [...results.existing, ...results.unknown].filter((t) => t.status !== expectedStatus);
  if (unexpected.length) console.log(`  WARNING: ${unexpected.length} answers were not ${expectedStatus} (${[...new Set(unexpected.map((t) => t.status))].join(', ')}): the figures are not comparable.`);
}

async function main(): Promise<void> {
  const { requests } = parseArgs(process.argv.slice(2));
  const accounts = Math.ceil(requests / PER_ACCOUNT);
  const started = performance.now();
  const server = await startServer({ env: { TRUST_PROXY: 'true' } });
  try {
    const admin = (await post(server, '/api/v1/auth/token', { email: TEST_ADMIN.email, password: TEST_ADMIN.password })).body.token as string;
    // One more account than measured, for the warm-up requests.
    const emails = Array.from({ length: accounts + 1 }, (_, i) => `bench-${i}@example.com`);
    for (const email of emails) {
      const created = await post(server, '/api/v1/users', { email, password: PASSWORD }, admin);
      if (created.status !== 201) throw new Error(`Creating ${email} failed: ${created.status} ${JSON.stringify(created.body)}`);
    }
    const warmUpEmail = emails.pop()!;
    console.log(`Server up with ${accounts} accounts in ${((performance.now() - started) / 1000).toFixed(1)} s; ${requests} pairs of each request.`);

    const forgot = (email: string) => post(server, '/api/v1/password/forgot', { email });
    const signIn = (email: string) => post(server, '/api/v1/auth/token', { email, password: 'not the pass phrase' });
    // The first requests load code and build the dummy hash an unknown account is checked against.
    for (let i = 0; i < WARM_UP; i++) {
      for (const email of [warmUpEmail, `warm-up-${i}@bench.example`]) {
        await forgot(email);
        await signIn(email);
      }
    }

    report(
      'POST /api/v1/password/forgot',
      202,
      await pairs(requests, (i) => forgot(emails[i % accounts]), (i) => forgot(`nobody-${i}@bench.example`)),
    );
    report(
      'POST /api/v1/auth/token with a wrong password',
      401,
      await pairs(requests, (i) => signIn(emails[i % accounts]), (i) => signIn(`nobody-${i}@bench.example`)),
    );
    console.log(`\nTotal ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
