/**
 * Demo and benchmark data.
 *
 *   npx tsx db/seed.ts               demo data set: ~200 users, 3 tenants, resources, permissions
 *   npx tsx db/seed.ts --users N     N generated users, for benchmarks
 *
 * Both write to the database DATABASE_URL names, SQLite or PostgreSQL.
 *
 * Demo users have no password: nobody can sign in as one until an admin resets it, and no
 * known password ever ships. No demo user gets the `admin` scope.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inArray, sql } from 'drizzle-orm';
import { closeDatabase, getDb, getEngine, transaction } from './client';
import { newId } from './ids';
import { databaseLabelOf } from './location';
import { memberships, permissions, resources, tenants, userScopes, users, type NewUser, type UserStatus } from './schema';
import { cultures, departments, otherDomains, tenantDomains, vendors, type City, type Culture } from './seed-data';
import { openDatabaseTools, type DatabaseTools, type GeneratedUser } from './tools';

// ---------------------------------------------------------------------------------------------
// Randomness: a seeded PRNG so the same seed gives the same people on every run.

type Rng = () => number;

/** mulberry32: tiny, fast and good enough for test data. */
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const randomInt = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

/** A sampler over weighted choices (binary search over the cumulative weights). */
function weighted<T>(entries: ReadonlyArray<readonly [T, number]>): (rng: Rng) => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of entries) cumulative.push((total += weight));
  return (rng) => {
    const target = rng() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return entries[lo][0];
  };
}

/** Weights a list ordered from most to least common by rank: a flattened Zipf, as name frequencies are. */
const byRank = <T>(items: readonly T[]) => weighted(items.map((item, rank) => [item, 1 / (rank + 5)] as const));

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

// ---------------------------------------------------------------------------------------------
// People: names, places, and the profile fields both seeds share.

const DAY = 24 * 60 * 60 * 1000;
const YEAR = 365.25 * DAY;

const statusSpread = weighted<UserStatus>([
  ['active', 82],
  ['pending', 12],
  ['suspended', 4],
  ['locked', 2],
]);
// Solvexia's roles; almost everyone just runs processes.
const roleSpread = weighted([
  ['Subscriber', 80],
  ['Designer', 13],
  ['ClientAdmin', 5],
  ['SVXAdmin', 2],
]);
const planSpread = weighted([
  ['free', 55],
  ['pro', 35],
  ['enterprise', 10],
]);
const vendorCountSpread = weighted([
  [0, 40],
  [1, 35],
  [2, 18],
  [3, 7],
]);
const signUpSources = weighted([
  ['invitation', 45],
  ['self-signup', 25],
  ['csv-import', 20],
  ['scim', 10],
]);

/** Email-safe ASCII of a name: "Núñez" → "nunez", "Łukasz" → "lukasz", "O'Brien" → "obrien". */
function asciiFold(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[łøæßđıœðþ]/g, (c) => ({ ł: 'l', ø: 'o', æ: 'ae', ß: 'ss', đ: 'd', ı: 'i', œ: 'oe', ð: 'd', þ: 'th' })[c]!)
    .replace(/[^a-z0-9]/g, '');
}

type NamePool = { names: string[]; ascii: string[]; draw: (rng: Rng) => number };

function namePool(names: string[]): NamePool {
  return { names, ascii: names.map(asciiFold), draw: byRank(names.map((_, i) => i)) };
}

// Folded once here: the large seed draws millions of names.
const population = cultures.map((culture) => ({
  culture,
  first: namePool(culture.firstNames),
  last: namePool(culture.lastNames),
}));
const drawGroup = weighted(population.map((group) => [group, group.culture.weight] as const));
const allCities = cultures.flatMap((culture) => culture.cities);

type Person = {
  culture: Culture;
  firstName: string;
  lastName: string;
  /** Lower-case ASCII forms, for emails and handles. */
  first: string;
  last: string;
  city: City | null;
};

function drawPerson(rng: Rng): Person {
  const { culture, first, last } = drawGroup(rng);
  const f = first.draw(rng);
  const l = last.draw(rng);
  const firstName = first.names[f];
  let lastName = last.names[l];
  let lastAscii = last.ascii[l];
  if (culture.feminine?.firstNameEndings.some((ending) => firstName.endsWith(ending))) {
    lastName = culture.feminine.lastName(lastName);
    lastAscii = asciiFold(lastName);
  }
  // Most live where their name comes from; some moved abroad; some left the fields blank.
  const place = rng();
  const city = place < 0.86 ? pick(rng, culture.cities) : place < 0.94 ? pick(rng, allCities) : null;
  return { culture, firstName, lastName, first: first.ascii[f], last: lastAscii, city };
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

type NameStyle = (first: string, last: string) => string;

/** The ways people and companies build an email local part or a handle from a name. */
const nameStyles = {
  dotted: (f, l) => `${f}.${l}`,
  initialLast: (f, l) => `${f[0]}${l}`,
  underscored: (f, l) => `${f}_${l}`,
  firstInitial: (f, l) => `${f}${l[0]}`,
  firstOnly: (f) => f,
} satisfies Record<string, NameStyle>;
const drawNameStyle = weighted([
  [nameStyles.dotted, 40],
  [nameStyles.initialLast, 25],
  [nameStyles.underscored, 10],
  [nameStyles.firstInitial, 15],
  [nameStyles.firstOnly, 10],
]);

/** A plausible-looking international number: `+44 741 555 0123`; the first digit is never 0 or 1. */
function phoneNumber(rng: Rng, dialCode: string, groups: number[]): string {
  const digits = groups.map((length, i) => String(randomInt(rng, i === 0 ? 2 * 10 ** (length - 1) : 0, 10 ** length - 1)).padStart(length, '0'));
  return `+${dialCode} ${digits.join(' ')}`;
}

type Profile = {
  status: UserStatus;
  role: string;
  plan: string;
  vendor: string[];
  metadata: Record<string, unknown>;
  city: string | null;
  country: string | null;
  timezone: string | null;
  department: string | null;
  phoneLand: string | null;
  phoneMobile: string | null;
  dateOfBirth: string | null;
  createdAt: number;
  updatedAt: number;
  lastSignInAt: number | null;
};

/** `signUpQuantile` in [0, 1) places the account in time, oldest first; random unless the caller orders it. */
function drawProfile(rng: Rng, person: Person, now: number, signUpQuantile = rng()): Profile {
  const status = statusSpread(rng);
  // Sign-ups grow over time: more accounts are recent than old (density falls with age).
  const createdAt = Math.round(now - DAY / 24 - (1 - Math.sqrt(signUpQuantile)) * (2 * YEAR - DAY / 24));
  const age = now - createdAt;
  let lastSignInAt: number | null = null;
  if (status === 'active' && rng() < 0.93) {
    // Active people signed in recently, a minute or more after the account was created.
    lastSignInAt = Math.round(createdAt + 60_000 + (age - 60_000) * (1 - rng() ** 3));
  } else if ((status === 'suspended' || status === 'locked') && rng() < 0.7) {
    lastSignInAt = Math.round(createdAt + 60_000 + (age - 60_000) * rng() * 0.9);
  }
  const touched = status === 'suspended' || status === 'locked' || rng() < 0.35;
  const since = lastSignInAt ?? createdAt;
  const updatedAt = touched ? Math.round(since + (now - since) * rng()) : createdAt;

  const vendorCount = vendorCountSpread(rng);
  const vendor = vendorCount === 0 ? [] : shuffle(rng, [...vendors]).slice(0, vendorCount).sort();

  const metadata: Record<string, unknown> = {};
  if (rng() < 0.6) {
    metadata.source = signUpSources(rng);
    if (rng() < 0.5) metadata.locale = person.culture.locale;
    if (rng() < 0.4) metadata.employeeId = `E${randomInt(rng, 10000, 99999)}`;
    if (rng() < 0.3) metadata.costCenter = `CC-${randomInt(rng, 100, 999)}`;
    if (rng() < 0.3) metadata.newsletter = rng() < 0.6;
  }

  const dialCode = (person.city ?? person.culture.cities[0]).dialCode;
  const born = rng() < 0.8 ? new Date(now - (20 + rng() * 46) * YEAR) : null;
  return {
    status,
    role: roleSpread(rng),
    plan: planSpread(rng),
    vendor,
    metadata,
    city: person.city?.city ?? null,
    country: person.city?.country ?? null,
    timezone: person.city?.timezone ?? null,
    department: rng() < 0.85 ? pick(rng, departments) : null,
    phoneLand: rng() < 0.35 ? phoneNumber(rng, dialCode, [2, 4, 4]) : null,
    phoneMobile: rng() < 0.8 ? phoneNumber(rng, dialCode, [3, 3, 4]) : null,
    dateOfBirth: born ? born.toISOString().slice(0, 10) : null,
    createdAt,
    updatedAt,
    lastSignInAt,
  };
}

// ---------------------------------------------------------------------------------------------
// Demo data set.

const DEMO_SEED = 0x6a7e_4005;

const demoTenants = [
  { slug: 'acme', name: 'Acme Corporation', ageDays: 760, share: 45 },
  { slug: 'globex', name: 'Globex Corporation', ageDays: 700, share: 33 },
  { slug: 'initech', name: 'Initech', ageDays: 610, share: 22 },
] as const;
type TenantSlug = (typeof demoTenants)[number]['slug'];

// Each company has one address convention, as real ones do.
const companyEmailStyle: Record<TenantSlug, NameStyle> = {
  acme: nameStyles.dotted,
  globex: nameStyles.initialLast,
  initech: nameStyles.underscored,
};

const demoResources: { name: string; kind: string; tenant: TenantSlug | null }[] = [
  { name: 'Month-end close', kind: 'workflow', tenant: 'acme' },
  { name: 'Accounts payable reconciliation', kind: 'workflow', tenant: 'acme' },
  { name: 'Vendor master data', kind: 'dataset', tenant: 'acme' },
  { name: 'Cash position', kind: 'dashboard', tenant: 'acme' },
  { name: 'NetSuite ledger sync', kind: 'connector', tenant: 'acme' },
  { name: 'Quarterly variance report', kind: 'report', tenant: 'acme' },
  { name: 'Sales commission calculation', kind: 'workflow', tenant: 'globex' },
  { name: 'Sales pipeline', kind: 'dashboard', tenant: 'globex' },
  { name: 'Salesforce opportunities', kind: 'connector', tenant: 'globex' },
  { name: 'Territory assignments', kind: 'dataset', tenant: 'globex' },
  { name: 'Regional revenue', kind: 'report', tenant: 'globex' },
  { name: 'TPS report', kind: 'report', tenant: 'initech' },
  { name: 'Expense approvals', kind: 'workflow', tenant: 'initech' },
  { name: 'Payroll export', kind: 'connector', tenant: 'initech' },
  { name: 'Headcount', kind: 'dataset', tenant: 'initech' },
  { name: 'Budget vs. actuals', kind: 'dashboard', tenant: 'initech' },
  { name: 'Currency exchange rates', kind: 'dataset', tenant: null },
  { name: 'Public holiday calendar', kind: 'dataset', tenant: null },
  { name: 'Platform health', kind: 'dashboard', tenant: null },
  { name: 'Audit log export', kind: 'report', tenant: null },
];

const demoPermissionRole = weighted([
  ['reader', 55],
  ['executor', 25],
  ['editor', 20],
] as const);

/** True when the demo tenants are already there (seedDemoData has run on this database). */
export async function demoDataExists(): Promise<boolean> {
  const slugs = demoTenants.map((tenant) => tenant.slug);
  return (await getDb().select({ id: tenants.id }).from(tenants).where(inArray(tenants.slug, slugs)).limit(1)).length > 0;
}

/**
 * Inserts the demo data set in one transaction. Deterministic apart from ids and the clock
 * (dates are relative to now). Skips any email or username already taken, e.g. the first admin's.
 */
export async function seedDemoData(): Promise<{ users: number; tenants: number; resources: number; permissions: number }> {
  if (await demoDataExists()) throw new Error('Demo data already exists (tenant acme, globex or initech is present).');
  const rng = mulberry32(DEMO_SEED);
  const now = Date.now();
  // Accounts already there (the first admin) keep their email and username.
  const existing = await getDb().select({ email: users.emailNormalized, username: users.usernameNormalized }).from(users);
  const taken = new Set(existing.flatMap((row) => [row.email, row.username]));
  const claimed = new Set<string>();
  /** The first free one of `base`, `base2`, `base3`... (before the @ for emails), claimed. */
  const claim = (local: string, domain = '') => {
    for (let n = 1; ; n++) {
      const candidate = `${local}${n > 1 ? n : ''}${domain}`;
      const normalized = candidate.toLowerCase();
      if (!claimed.has(normalized) && !taken.has(normalized)) {
        claimed.add(normalized);
        return candidate;
      }
    }
  };

  const tenantRows = demoTenants.map((tenant) => ({
    id: newId('ten'),
    slug: tenant.slug,
    name: tenant.name,
    createdAt: new Date(now - tenant.ageDays * DAY),
  }));
  const tenantIdBySlug = new Map(demoTenants.map((tenant, i) => [tenant.slug, tenantRows[i].id]));
  const tenantCreated = new Map(tenantRows.map((row) => [row.id, row.createdAt.getTime()]));
  const drawTenant = weighted(demoTenants.map((tenant) => [tenant.slug, tenant.share] as const));

  const userRows: (NewUser & { status: UserStatus; role: string; createdAt: Date })[] = [];
  const scopeRows: { userId: string; scope: string }[] = [];
  const membershipRows: { tenantId: string; userId: string; role: 'admin' | 'user'; createdAt: Date }[] = [];
  const membersOf = new Map<string, string[]>(tenantRows.map((row) => [row.id, []]));
  for (let i = 0; i < 200; i++) {
    const person = drawPerson(rng);
    const profile = drawProfile(rng, person, now);
    const id = newId('usr');

    const homeTenant = rng() < 0.88 ? drawTenant(rng) : null;
    const tenantSlugs: TenantSlug[] = homeTenant ? [homeTenant] : [];
    if (homeTenant && rng() < 0.06) {
      tenantSlugs.push(pick(rng, demoTenants.filter((t) => t.slug !== homeTenant)).slug);
    }
    // Staff use their company's address; contractors and outsiders their own.
    const atCompany = homeTenant !== null && rng() < 0.9;
    const emailStyle = atCompany ? companyEmailStyle[homeTenant] : drawNameStyle(rng);
    const domain = atCompany ? tenantDomains[homeTenant] : pick(rng, otherDomains);
    // A few typed their address with capitals: the normalized column is what keeps it unique.
    const capitals = rng() < 0.1;
    const [first, last] = capitals ? [capitalize(person.first), capitalize(person.last)] : [person.first, person.last];
    const email = claim(emailStyle(first, last), `@${domain}`);
    const username = rng() < 0.75 ? email : claim(drawNameStyle(rng)(person.first, person.last));

    userRows.push({
      id,
      email,
      emailNormalized: email.toLowerCase(),
      username,
      usernameNormalized: username.toLowerCase(),
      firstName: person.firstName,
      lastName: person.lastName,
      passwordHash: null,
      ...profile,
      createdAt: new Date(profile.createdAt),
      updatedAt: new Date(profile.updatedAt),
      lastSignInAt: profile.lastSignInAt === null ? null : new Date(profile.lastSignInAt),
      version: 1,
    });

    scopeRows.push({ userId: id, scope: 'user' });
    // Exactly 5% testers: people are random, so every twentieth is a fair sample.
    if (i % 20 === 0) scopeRows.push({ userId: id, scope: 'tester' });
    if (tenantSlugs.includes('acme') && rng() < 0.3) scopeRows.push({ userId: id, scope: 'acme1' });

    for (const slug of tenantSlugs) {
      const tenantId = tenantIdBySlug.get(slug)!;
      const joined = Math.max(profile.createdAt, tenantCreated.get(tenantId)!) + rng() * 3 * DAY;
      membershipRows.push({ tenantId, userId: id, role: 'user', createdAt: new Date(Math.min(joined, now)) });
      membersOf.get(tenantId)!.push(id);
    }
  }

  // One or two active members run each tenant; they are the company's ClientAdmins.
  const userById = new Map(userRows.map((row) => [row.id, row]));
  for (const [tenantId, members] of membersOf) {
    const admins = members.filter((id) => userById.get(id)!.status === 'active').slice(0, randomInt(rng, 1, 2));
    for (const membership of membershipRows) {
      if (membership.tenantId === tenantId && admins.includes(membership.userId)) membership.role = 'admin';
    }
    for (const id of admins) userById.get(id)!.role = 'ClientAdmin';
  }

  const resourceRows = demoResources.map((resource) => {
    const tenantId = resource.tenant ? tenantIdBySlug.get(resource.tenant)! : null;
    const earliest = tenantId ? tenantCreated.get(tenantId)! + 7 * DAY : now - 700 * DAY;
    return { id: newId('res'), name: resource.name, kind: resource.kind, tenantId, createdAt: new Date(earliest + rng() * (now - earliest) * 0.8) };
  });

  // Grants go to the resource's tenant members (anyone, for global resources): one owner each,
  // the rest mostly readers. Some grants are temporary; a few of those have already lapsed.
  const permissionRows: (typeof permissions.$inferInsert)[] = [];
  for (const resource of resourceRows) {
    const candidates = resource.tenantId ? [...membersOf.get(resource.tenantId)!] : userRows.map((row) => row.id);
    const grantees = shuffle(rng, candidates).slice(0, resource.tenantId ? randomInt(rng, 12, 20) : randomInt(rng, 8, 14));
    const owner = grantees[0];
    grantees.forEach((userId, i) => {
      const earliest = Math.max(resource.createdAt.getTime(), userById.get(userId)!.createdAt.getTime());
      const createdAt = earliest + rng() * (now - earliest);
      let expiresAt: number | null = null;
      if (i > 0 && rng() < 0.12) {
        expiresAt = rng() < 0.5 ? createdAt + (now - createdAt) * (0.3 + rng() * 0.6) : now + randomInt(rng, 1, 120) * DAY;
      }
      permissionRows.push({
        userId,
        resourceId: resource.id,
        role: i === 0 ? ('owner' as const) : demoPermissionRole(rng),
        grantedBy: i === 0 ? null : owner,
        expiresAt: expiresAt === null ? null : new Date(expiresAt),
        createdAt: new Date(createdAt),
      });
    });
  }

  await transaction(async (tx) => {
    await tx.insert(tenants).values(tenantRows);
    await tx.insert(users).values(userRows);
    await tx.insert(userScopes).values(scopeRows);
    await tx.insert(memberships).values(membershipRows);
    await tx.insert(resources).values(resourceRows);
    await tx.insert(permissions).values(permissionRows);
  });
  return { users: userRows.length, tenants: tenantRows.length, resources: resourceRows.length, permissions: permissionRows.length };
}

// ---------------------------------------------------------------------------------------------
// Large generated user set, for benchmarks: drawn here, written by each engine's bulk loader
// (db/tools), in batched transactions.

// Each commit rewrites every index page the batch touched; bigger batches touch fewer in total.
const BATCH_SIZE = 50_000;
/** Attempts at a free address per user: the running number makes the first one free unless the database already holds a look-alike. */
const ADDRESS_ATTEMPTS = 6;
const allDomains = [...Object.values(tenantDomains), ...otherDomains];

// The base64url alphabet in byte order: numbers written with it sort as they count.
const SORTED_BASE64URL = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

function sortableBase64(value: number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++, value = Math.floor(value / 64)) text = SORTED_BASE64URL[value % 64] + text;
  return text;
}

/** One generated user before its address is settled: everything drawn, in the order the draws are made. */
type Draft = {
  number: number;
  person: Person;
  profile: Profile;
  style: NameStyle;
  domain: string;
  capitals: boolean;
  handleStyle: NameStyle | null;
  scopes: string[];
  memberships: { tenantId: string; role: 'admin' | 'user'; createdAt: number }[];
};

/**
 * Inserts `count` generated users with scopes (and memberships in the existing tenants, if any),
 * on any engine: `tools` is db/tools' openDatabaseTools(DATABASE_URL). The same database
 * contents give the same people on every engine. Safe to run again on the same database:
 * numbering continues after the current user count, and the rare address that is still taken
 * gets a random suffix instead.
 *
 * For speed, users are generated in sign-up order and their ids ascend (`usr_` + 16 base64url
 * characters like newId(): the run's start time, then the running number), so most indexes grow
 * at their end instead of taking random inserts: 1M users went from two minutes to about 35 s.
 */
export async function seedLargeUserSet(tools: DatabaseTools, count: number, options: { onProgress?: (done: number) => void } = {}): Promise<void> {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  const [{ n: existing }] = await tools.rows<{ n: number | string }>(sql`SELECT count(*) AS n FROM users`);
  const firstNumber = Number(existing) + 1;
  const tenantIds = (await tools.rows<{ id: string }>(sql`SELECT id FROM tenants ORDER BY created_at, id`)).map((row) => row.id);
  const rng = mulberry32(0x5eed ^ firstNumber);
  // Separate from `rng`, so a retried address does not change who comes after it.
  const retryRng = mulberry32(0x7e7 ^ firstNumber);
  const now = Date.now();
  const idPrefix = `usr_${sortableBase64(now, 8)}`;

  const draft = (index: number): Draft => {
    const person = drawPerson(rng);
    const profile = drawProfile(rng, person, now, (index + rng()) / count);
    const style = drawNameStyle(rng);
    const domain = pick(rng, allDomains);
    const capitals = rng() < 0.08;
    const handleStyle = rng() < 0.25 ? drawNameStyle(rng) : null;
    const scopes = ['user'];
    if (rng() < 0.02) scopes.push('tester');
    if (rng() < 0.01) scopes.push('acme1');
    if (rng() < 0.004) scopes.push('beta');
    const memberships: Draft['memberships'] = [];
    if (tenantIds.length > 0 && rng() < 0.3) {
      const tenantIndex = Math.floor(rng() * tenantIds.length);
      const joined = Math.min(now, profile.createdAt + Math.floor(rng() * 3 * DAY));
      memberships.push({ tenantId: tenantIds[tenantIndex], role: rng() < 0.002 ? 'admin' : 'user', createdAt: joined });
      if (tenantIds.length > 1 && rng() < 0.03) {
        const other = tenantIds[(tenantIndex + 1 + Math.floor(rng() * (tenantIds.length - 1))) % tenantIds.length];
        memberships.push({ tenantId: other, role: 'user', createdAt: joined });
      }
    }
    return { number: firstNumber + index, person, profile, style, domain, capitals, handleStyle, scopes, memberships };
  };

  const row = ({ number, person, profile: p, style, domain, capitals, handleStyle }: Draft, attempt: number): GeneratedUser => {
    // The running number makes the address unique; a retry adds a random tail.
    const tag = attempt === 0 ? String(number) : `${number}.${Math.floor(retryRng() * 36 ** 4).toString(36)}`;
    const local = `${capitals ? style(capitalize(person.first), capitalize(person.last)) : style(person.first, person.last)}${tag}`;
    const email = `${local}@${domain}`;
    const username = handleStyle ? `${handleStyle(person.first, person.last)}${tag}` : email;
    return {
      id: attempt === 0 ? idPrefix + sortableBase64(number, 8) : newId('usr'),
      email,
      emailNormalized: email.toLowerCase(),
      username,
      usernameNormalized: username.toLowerCase(),
      firstName: person.firstName,
      lastName: person.lastName,
      ...p,
    };
  };

  const load = await tools.beginUserLoad(count);
  try {
    for (let done = 0; done < count; ) {
      const size = Math.min(BATCH_SIZE, count - done);
      const drafts = Array.from({ length: size }, (_, i) => draft(done + i));
      await load.batch(async (writer) => {
        const idOf = new Map<Draft, string>();
        let pending = drafts;
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt === ADDRESS_ATTEMPTS) throw new Error(`Could not find a free email or username for generated user #${pending[0].number}`);
          const rows = pending.map((d) => row(d, attempt));
          const inserted = await writer.insertUsers(rows);
          pending.forEach((d, i) => inserted[i] && idOf.set(d, rows[i].id));
          pending = pending.filter((_, i) => !inserted[i]);
        }
        await writer.insertScopes(drafts.flatMap((d) => d.scopes.map((scope) => ({ userId: idOf.get(d)!, scope }))));
        await writer.insertMemberships(drafts.flatMap((d) => d.memberships.map((m) => ({ ...m, userId: idOf.get(d)! }))));
      });
      done += size;
      options.onProgress?.(done);
    }
  } finally {
    await load.finish();
  }
}

// ---------------------------------------------------------------------------------------------
// Command line.

const USAGE = 'Usage: npm run db:seed [-- --users N]';

function parseArgs(args: string[]): { users: number | null } {
  let users: number | null = null;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    if (flag !== '--users') throw new Error(`Unknown argument "${args[i]}". ${USAGE}`);
    const value = inline ?? args[++i];
    if (value === undefined || !/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < 1) {
      throw new Error(`--users needs a positive whole number, got "${value ?? ''}". ${USAGE}`);
    }
    users = Number(value);
  }
  return { users };
}

async function main(args: string[]): Promise<void> {
  const { users: userCount } = parseArgs(args);
  const url = process.env.DATABASE_URL;
  const label = databaseLabelOf(url);
  await getEngine().migrate();
  try {
    if (userCount !== null) {
      const tools = openDatabaseTools(url);
      try {
        console.log(`Seeding ${userCount.toLocaleString('en-US')} users into ${label}`);
        const started = performance.now();
        let reported = 0;
        await seedLargeUserSet(tools, userCount, {
          onProgress: (done) => {
            // Rewrite one line on a terminal; log every tenth on a pipe.
            if (process.stdout.isTTY) process.stdout.write(`\r  ${done.toLocaleString('en-US')} users`);
            else if (done === userCount || done - reported >= userCount / 10) {
              console.log(`  ${done.toLocaleString('en-US')} users`);
              reported = done;
            }
          },
        });
        const seconds = (performance.now() - started) / 1000;
        const rate = Math.round(userCount / seconds).toLocaleString('en-US');
        console.log(`${process.stdout.isTTY ? '\n' : ''}Inserted ${userCount.toLocaleString('en-US')} users in ${seconds.toFixed(1)} s (${rate} users/s).`);
      } finally {
        await tools.close();
      }
    } else if (await demoDataExists()) {
      console.log(`Demo data is already in ${label} (the acme, globex or initech tenant exists); nothing to do.`);
    } else {
      const counts = await seedDemoData();
      console.log(
        `Seeded demo data into ${label}: ${counts.users} users, ${counts.tenants} tenants, ` +
          `${counts.resources} resources, ${counts.permissions} permissions.`,
      );
    }
  } finally {
    await closeDatabase();
  }
}

/** True when this file is the program (`tsx db/seed.ts`), not an import. */
function isMainModule(): boolean {
  const entry = process.argv[1];
  const withoutExtension = (file: string) => file.replace(/\.[cm]?[jt]s$/, '');
  return entry !== undefined && withoutExtension(path.resolve(entry)) === withoutExtension(fileURLToPath(import.meta.url));
}

if (isMainModule()) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`db:seed failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
