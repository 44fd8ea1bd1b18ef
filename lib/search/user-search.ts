import { inArray, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, tenants, userScopes, users, type User } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import {
  USER_FILTER_FIELDS,
  USER_ROLES,
  USER_SORT_FIELDS,
  USER_STATUSES,
  type UserListQuery,
  type UserSortField,
} from '@/lib/users/schemas';
import { toPublicUser, type PublicUser } from '@/lib/users/users';

/**
 * Listing and counting users: the filter grammar, sorting, offset and keyset paging, and
 * substring search. Every query here is planned to stay on an index at a million users
 * (tests/api/users-query-plan.test.ts checks the plans; scripts/bench-users.ts the times).
 */

export type UserTenant = { id: string; slug: string; name: string; role: 'admin' | 'user' };
export type UserListItem = PublicUser & { tenants: UserTenant[] };
export type UserList = { items: UserListItem[]; total: number | null; limit: number; offset: number; nextCursor: string | null };

type SortSpec = { field: UserSortField; direction: 1 | -1 };

/**
 * Each sort field: the expression it sorts by and the index that orders by exactly that
 * expression (pk breaks ties). Nullable columns sort as '' or 0, never NULL, so a cursor is
 * a single range seek; users without a last name or a sign-in come first ascending.
 */
const SORT_COLUMNS: Record<UserSortField, { column: string; index: string }> = {
  created: { column: 'u.created_at', index: 'users_created_idx' },
  email: { column: 'u.email_normalized', index: 'users_email_normalized_idx' },
  username: { column: 'u.username_normalized', index: 'users_username_normalized_idx' },
  lastName: { column: "ifnull(u.last_name, '')", index: 'users_last_name_sort_idx' },
  lastSignIn: { column: 'ifnull(u.last_sign_in_at, 0)', index: 'users_last_sign_in_sort_idx' },
};

export const DEFAULT_SORT: SortSpec = { field: 'created', direction: -1 };

/**
 * Above this many matches a pattern, scope or tenant is "broad": walking the sort index and
 * checking each row beats fetching and sorting every match (random reads at a million users).
 */
const BROAD_MATCHES = 2000;

function badRequest(path: string, message: string): ApiError {
  return new ApiError('bad-request', message, { errors: [{ path, message }] });
}

export function parseSort(value: string | undefined): SortSpec {
  if (!value) return DEFAULT_SORT;
  const match = /^(\w+):(1|-1)$/.exec(value);
  if (!match) throw badRequest('sort', `sort must look like field:1 or field:-1, for example created:-1.`);
  const field = match[1] as UserSortField;
  if (!USER_SORT_FIELDS.includes(field)) {
    throw badRequest('sort', `Unknown sort field "${match[1]}". Sort by one of: ${USER_SORT_FIELDS.join(', ')}.`);
  }
  return { field, direction: match[2] === '1' ? 1 : -1 };
}

// ----- Filters -----

type ParsedFilter = { field: (typeof USER_FILTER_FIELDS)[number]; operator: ':' | '>' | '<'; value: string };

function parseFilter(raw: string): ParsedFilter {
  const match = /^([A-Za-z]+)([:<>])(.*)$/s.exec(raw);
  if (!match) throw badRequest('filter', `Filter "${raw}" must look like field:value (or created>DATE, created<DATE).`);
  const [, field, operator, value] = match;
  if (!(USER_FILTER_FIELDS as readonly string[]).includes(field)) {
    throw badRequest('filter', `Unknown filter field "${field}". Filter by one of: ${USER_FILTER_FIELDS.join(', ')}.`);
  }
  if ((field === 'created') !== (operator !== ':')) {
    throw badRequest('filter', field === 'created' ? 'Filter created with created>DATE or created<DATE.' : `Filter ${field} with ${field}:value.`);
  }
  if (!value.trim()) throw badRequest('filter', `Filter "${raw}" needs a value.`);
  return { field: field as ParsedFilter['field'], operator: operator as ParsedFilter['operator'], value: value.trim() };
}

function parseFilterDate(value: string): number {
  const time = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value) : NaN;
  if (Number.isNaN(time)) throw badRequest('filter', `"${value}" is not a date. Use an ISO date such as 2026-01-31 or 2026-01-31T12:00:00Z.`);
  return time;
}

/** Tenant ids for slugs or ids; a tenant beyond the caller's restriction is as unknown as one that does not exist, so its slug cannot be probed. */
function resolveTenantIds(references: string[], restriction: TenantRestriction): string[] {
  const rows = getDb()
    .select({ id: tenants.id, slug: tenants.slug })
    .from(tenants)
    .where(sql`${tenants.id} IN ${references} OR ${tenants.slug} IN ${references}`)
    .all()
    .filter((row) => !restriction || restriction.tenantIds.includes(row.id));
  const unknown = references.filter((ref) => !rows.some((row) => row.id === ref || row.slug === ref));
  // Not echoed: the answer is the same for a tenant that does not exist and one out of reach.
  if (unknown.length) throw badRequest('filter', 'Unknown tenant in the filter: no tenant you can see has that id or slug.');
  return rows.map((row) => row.id);
}

/**
 * The WHERE conditions for the filters. Values of one field are alternatives (status:active
 * and status:locked means either); different fields must all hold. Scopes and tenants are
 * `IN (subquery)` on their own indexes, so the planner can start from the few matching rows.
 */
type Filters = {
  conditions: SQL[];
  /** The same conditions for counting: there is no page to fill, so relations are always `IN (subquery)`. */
  countConditions: SQL[];
  /** A scope or tenant filter with few members: the query should start from them. */
  selectiveRelation: boolean;
  /** A scope or tenant filter with many members: better checked row by row along the sort index. */
  broadRelation: boolean;
  relationCount: SQL | null;
};

/** Whether a relation subquery has more than BROAD_MATCHES rows, counted on its covering index up to that limit. */
function isBroad(rows: SQL): boolean {
  return getDb().get<{ n: number }>(sql`SELECT count(*) AS n FROM (${rows} LIMIT ${BROAD_MATCHES + 1})`).n > BROAD_MATCHES;
}

/** Limits a listing to the members of these tenants: what a tenant admin may see. */
export type TenantRestriction = { tenantIds: string[] } | null;

function filterConditions(rawFilters: string[], restriction: TenantRestriction = null): Filters {
  const byField = new Map<string, ParsedFilter[]>();
  for (const filter of rawFilters.map(parseFilter)) byField.set(filter.field, [...(byField.get(filter.field) ?? []), filter]);

  const conditions: SQL[] = [];
  const countConditions: SQL[] = [];
  let selectiveRelation = false;
  let broadRelation = false;
  /** Few members: `IN (subquery)`, which the planner starts from; many: a key lookup per row walked. */
  const addRelation = (members: SQL, probe: SQL) => {
    const broad = isBroad(members);
    if (broad) broadRelation = true;
    else selectiveRelation = true;
    conditions.push(broad ? sql`EXISTS (${probe})` : sql`u.id IN (${members})`);
    countConditions.push(sql`u.id IN (${members})`);
  };
  const add = (condition: SQL) => {
    conditions.push(condition);
    countConditions.push(condition);
  };
  // With a scope or tenant filter alone, its rows can be counted without visiting users.
  let relationCount: SQL | null = null;
  for (const [field, filters] of byField) {
    const values = [...new Set(filters.map((f) => f.value))];
    switch (field) {
      case 'status':
        for (const value of values) {
          if (!(USER_STATUSES as readonly string[]).includes(value)) throw badRequest('filter', `Unknown status "${value}". Use one of: ${USER_STATUSES.join(', ')}.`);
        }
        add(sql`u.status IN ${values}`);
        break;
      case 'role':
        for (const value of values) {
          if (!(USER_ROLES as readonly string[]).includes(value)) throw badRequest('filter', `Unknown role "${value}". Use one of: ${USER_ROLES.join(', ')}.`);
        }
        add(sql`u.role IN ${values}`);
        break;
      case 'plan':
        add(sql`u.plan IN ${values}`);
        break;
      case 'vendor':
        add(sql`EXISTS (SELECT 1 FROM json_each(u.vendor) v WHERE v.value IN ${values})`);
        break;
      case 'scope':
        addRelation(
          sql`SELECT s.user_id FROM user_scopes s WHERE s.scope IN ${values}`,
          sql`SELECT 1 FROM user_scopes s WHERE s.user_id = u.id AND s.scope IN ${values}`,
        );
        relationCount = sql`SELECT count(DISTINCT s.user_id) AS n FROM user_scopes s WHERE s.scope IN ${values}`;
        break;
      case 'tenant': {
        const tenantIds = resolveTenantIds(values, restriction);
        addRelation(
          sql`SELECT m.user_id FROM memberships m WHERE m.tenant_id IN ${tenantIds}`,
          sql`SELECT 1 FROM memberships m WHERE m.tenant_id IN ${tenantIds} AND m.user_id = u.id`,
        );
        relationCount = sql`SELECT count(DISTINCT m.user_id) AS n FROM memberships m WHERE m.tenant_id IN ${tenantIds}`;
        break;
      }
      case 'created':
        for (const filter of filters) {
          const time = parseFilterDate(filter.value);
          add(filter.operator === '>' ? sql`u.created_at > ${time}` : sql`u.created_at < ${time}`);
        }
        break;
    }
  }
  // Added to, never merged with, a `tenant:` filter: the caller's filter can only narrow it.
  if (restriction) {
    const tenantIds = restriction.tenantIds.length ? restriction.tenantIds : [''];
    addRelation(
      sql`SELECT m.user_id FROM memberships m WHERE m.tenant_id IN ${tenantIds}`,
      sql`SELECT 1 FROM memberships m WHERE m.tenant_id IN ${tenantIds} AND m.user_id = u.id`,
    );
    relationCount = sql`SELECT count(DISTINCT m.user_id) AS n FROM memberships m WHERE m.tenant_id IN ${tenantIds}`;
  }
  return { conditions, countConditions, selectiveRelation, broadRelation, relationCount: conditions.length === 1 ? relationCount : null };
}

// ----- Pattern -----

/** An FTS5 phrase: every character literal (`%`, `_`, `*` included), quotes doubled. */
function ftsPhrase(pattern: string): string {
  return `"${pattern.replaceAll('"', '""')}"`;
}

type PatternPlan = { condition: SQL; broad: boolean; ftsPhrase: string | null; matchCount: number | null };

/**
 * Case-insensitive substring match on email, username, first and last name. Three or more
 * characters use the trigram index: a first look counts the matches up to a limit; a few
 * matches are then used as a list of keys (and their count is the total), many matches are
 * checked while walking the sort index. One or two characters are too short for trigrams and
 * are checked row by row while walking the sort index, which fills a page quickly because
 * such short patterns match many users.
 */
function patternPlan(pattern: string): PatternPlan {
  if ([...pattern].length >= 3) {
    const phrase = ftsPhrase(pattern);
    const matches = getDb()
      .$client.prepare('SELECT rowid FROM users_search WHERE users_search MATCH ? LIMIT ?')
      .pluck()
      .all(phrase, BROAD_MATCHES + 1) as number[];
    if (matches.length <= BROAD_MATCHES) {
      return { condition: sql`u.pk IN (SELECT value FROM json_each(${JSON.stringify(matches)}))`, broad: false, ftsPhrase: phrase, matchCount: matches.length };
    }
    return { condition: sql`u.pk IN (SELECT rowid FROM users_search WHERE users_search MATCH ${phrase})`, broad: true, ftsPhrase: phrase, matchCount: null };
  }
  const needle = pattern.toLowerCase();
  return {
    condition: sql`(instr(u.email_normalized, ${needle}) > 0 OR instr(u.username_normalized, ${needle}) > 0 OR instr(lower(u.first_name), ${needle}) > 0 OR instr(lower(u.last_name), ${needle}) > 0)`,
    broad: true,
    ftsPhrase: null,
    matchCount: null,
  };
}

// ----- Cursor -----

type CursorPosition = { value: string | number; pk: number };

function encodeCursor(sort: SortSpec, position: CursorPosition): string {
  return Buffer.from(JSON.stringify([sort.field, sort.direction, position.value, position.pk])).toString('base64url');
}

function decodeCursor(cursor: string, sort: SortSpec): CursorPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('cursor', 'The cursor is not valid. Use the nextCursor of a previous page.');
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 4 ||
    !['string', 'number'].includes(typeof decoded[2]) ||
    !Number.isSafeInteger(decoded[3])
  ) {
    throw badRequest('cursor', 'The cursor is not valid. Use the nextCursor of a previous page.');
  }
  if (decoded[0] !== sort.field || decoded[1] !== sort.direction) {
    throw badRequest('cursor', 'The cursor belongs to another sort order. Send the same sort as the page it came from.');
  }
  return { value: decoded[2], pk: decoded[3] };
}

/**
 * Rows strictly after the cursor in (sort key, pk) order. Spelt as a range on the key plus a
 * tie-break, not as a row-value comparison, which SQLite cannot seek with on an expression index.
 */
function afterCursor(sort: SortSpec, { value, pk }: CursorPosition): SQL {
  const key = sql.raw(SORT_COLUMNS[sort.field].column);
  return sort.direction === 1
    ? sql`${key} >= ${value} AND (${key} > ${value} OR u.pk > ${pk})`
    : sql`${key} <= ${value} AND (${key} < ${value} OR u.pk < ${pk})`;
}

// ----- Queries -----

type PreparedQuery = {
  conditions: SQL[];
  countConditions: SQL[];
  sort: SortSpec;
  forceSortIndex: boolean;
  /** When the pattern is the only condition: its search phrase, and its match count if already known. */
  patternOnly: { phrase: string; matchCount: number | null } | null;
  /** When one scope or tenant filter is the only condition: a count over its own table. */
  relationCount: SQL | null;
};

function prepareQuery(query: Pick<UserListQuery, 'pattern' | 'filter' | 'sort'>, restriction: TenantRestriction = null): PreparedQuery {
  const sort = parseSort(query.sort);
  const { conditions, countConditions, selectiveRelation, broadRelation, relationCount } = filterConditions(query.filter ?? [], restriction);
  let patternOnly: PreparedQuery['patternOnly'] = null;
  let selective = selectiveRelation;
  let broad = broadRelation;
  if (query.pattern) {
    const plan = patternPlan(query.pattern);
    if (conditions.length === 0 && plan.ftsPhrase) patternOnly = { phrase: plan.ftsPhrase, matchCount: plan.matchCount };
    conditions.push(plan.condition);
    countConditions.push(plan.condition);
    selective ||= !plan.broad;
    broad ||= plan.broad;
  }
  // Only broad narrowing: walk the sort index and stop when the page is full. Anything
  // selective: let the planner start from those few rows.
  const forceSortIndex = broad && !selective;
  return { conditions, countConditions, sort, forceSortIndex, patternOnly, relationCount: query.pattern ? null : relationCount };
}

const whereClause = (conditions: SQL[]) => (conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``);

type PageQuery = Pick<UserListQuery, 'pattern' | 'filter' | 'sort' | 'cursor' | 'limit' | 'offset'>;

/** The SQL of one page's keys, exported for the query-plan test. */
export function pageKeysSql(query: PageQuery, prepared = prepareQuery(query)): SQL {
  const { sort } = prepared;
  const conditions = [...prepared.conditions];
  if (query.cursor) conditions.push(afterCursor(sort, decodeCursor(query.cursor, sort)));
  const { column, index } = SORT_COLUMNS[sort.field];
  const direction = sql.raw(sort.direction === 1 ? 'ASC' : 'DESC');
  const source = prepared.forceSortIndex ? sql.raw(`users u INDEXED BY ${index}`) : sql.raw('users u');
  // One extra row tells whether another page follows.
  return sql`SELECT u.pk AS pk, ${sql.raw(column)} AS sortValue FROM ${source} ${whereClause(conditions)}
    ORDER BY ${sql.raw(column)} ${direction}, u.pk ${direction} LIMIT ${query.limit + 1} OFFSET ${query.cursor ? 0 : query.offset}`;
}

/** The SQL of the total, exported for the query-plan test. */
export function countSql(query: Pick<UserListQuery, 'pattern' | 'filter'>, prepared = prepareQuery(query)): SQL {
  // A pattern alone is counted in the search index itself, a scope or tenant alone in its
  // own table: neither visits users.
  if (prepared.patternOnly) return sql`SELECT count(*) AS n FROM users_search WHERE users_search MATCH ${prepared.patternOnly.phrase}`;
  if (prepared.relationCount) return prepared.relationCount;
  return sql`SELECT count(*) AS n FROM users u ${whereClause(prepared.countConditions)}`;
}

function countPrepared(query: Pick<UserListQuery, 'pattern' | 'filter'>, prepared: PreparedQuery): number {
  return prepared.patternOnly?.matchCount ?? getDb().get<{ n: number }>(countSql(query, prepared)).n;
}

export function countUsers(query: Pick<UserListQuery, 'pattern' | 'filter'>, restriction: TenantRestriction = null): number {
  return countPrepared(query, prepareQuery(query, restriction));
}

export function listUsers(query: UserListQuery, restriction: TenantRestriction = null): UserList {
  const prepared = prepareQuery(query, restriction);
  const { sort } = prepared;
  const keys = getDb().all<{ pk: number; sortValue: string | number }>(pageKeysSql(query, prepared));
  const page = keys.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = keys.length > query.limit && last ? encodeCursor(sort, { value: last.sortValue, pk: last.pk }) : null;
  return {
    items: loadListItems(page.map((key) => key.pk)),
    total: query.includeTotal ? countPrepared(query, prepared) : null,
    limit: query.limit,
    offset: query.cursor ? 0 : query.offset,
    nextCursor,
  };
}

function appendTo<T>(lists: Map<string, T[]>, key: string, value: T): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

/** Full rows for a page of keys, with scopes and tenants, in the keys' order. */
export function loadListItems(pks: number[]): UserListItem[] {
  if (pks.length === 0) return [];
  const db = getDb();
  const rows = db.select().from(users).where(inArray(users.pk, pks)).all();
  const byPk = new Map(rows.map((row) => [row.pk, row]));
  const ids = rows.map((row) => row.id);
  const scopes = new Map<string, string[]>();
  // Appending in place: a user may hold thousands of scopes, and copying per row is quadratic.
  for (const row of db.select().from(userScopes).where(inArray(userScopes.userId, ids)).all()) appendTo(scopes, row.userId, row.scope);
  const tenantsOf = new Map<string, UserTenant[]>();
  const tenantRows = db
    .select({ userId: memberships.userId, role: memberships.role, id: tenants.id, slug: tenants.slug, name: tenants.name })
    .from(memberships)
    .innerJoin(tenants, sql`${tenants.id} = ${memberships.tenantId}`)
    .where(inArray(memberships.userId, ids))
    .all();
  for (const { userId, ...tenant } of tenantRows) appendTo(tenantsOf, userId, tenant);
  return pks
    .map((pk) => byPk.get(pk))
    .filter((row): row is User => row !== undefined)
    .map((row) => ({ ...toPublicUser(row, (scopes.get(row.id) ?? []).sort()), tenants: tenantsOf.get(row.id) ?? [] }));
}
