import { sql, type SQL } from 'drizzle-orm';
import { getDb, queryRows } from '@/db/client';
import { tenants, users } from '@/db/schema';
import { USER_ROLES, USER_STATUSES, type UserListQuery } from '@/lib/users/schemas';
import { countInChunks, countStatement, type PkRange, type Total } from './count';
import { decodeCursor, type CursorPosition } from './cursor';
import type { PatternPlan } from './dialect';
import { searchDialect } from './dialects';
import { badRequest, parseFilter, parseFilterDate, parseSort, type ParsedFilter, type SortSpec } from './sort-and-filters';

/**
 * Turns a list query into SQL that stays on an index at a million users
 * (tests/unit/users-query-plan.test.ts checks the plans; scripts/bench-users.ts the times).
 */

/** Limits a listing to the members of these tenants: what a tenant admin may see. */
export type TenantRestriction = { tenantIds: string[] } | null;

/**
 * Above this many matches a pattern, scope or tenant is "broad": walking the sort index and
 * checking each row beats fetching and sorting every match (random reads at a million users).
 */
const BROAD_MATCHES = 2000;

/** Tenant ids for slugs or ids; a tenant beyond the caller's restriction is as unknown as one that does not exist, so its slug cannot be probed. */
async function resolveTenantIds(references: string[], restriction: TenantRestriction): Promise<string[]> {
  const found = await getDb()
    .select({ id: tenants.id, slug: tenants.slug })
    .from(tenants)
    .where(sql`${tenants.id} IN ${references} OR ${tenants.slug} IN ${references}`);
  const rows = found.filter((row) => !restriction || restriction.tenantIds.includes(row.id));
  const unknown = references.filter((ref) => !rows.some((row) => row.id === ref || row.slug === ref));
  // Not echoed: the answer is the same for a tenant that does not exist and one out of reach.
  if (unknown.length) throw badRequest('filter', 'Unknown tenant in the filter: no tenant you can see has that id or slug.');
  return rows.map((row) => row.id);
}

/** Whether a relation subquery has more than BROAD_MATCHES rows, counted on its covering index up to that limit. */
async function isBroad(rows: SQL): Promise<boolean> {
  const [{ n }] = await queryRows<{ n: number | string }>(sql`SELECT count(*) AS n FROM (${rows} LIMIT ${BROAD_MATCHES + 1}) AS matches`);
  return Number(n) > BROAD_MATCHES;
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

async function filterConditions(rawFilters: string[], restriction: TenantRestriction): Promise<Filters> {
  const byField = new Map<string, ParsedFilter[]>();
  for (const filter of rawFilters.map(parseFilter)) byField.set(filter.field, [...(byField.get(filter.field) ?? []), filter]);

  const conditions: SQL[] = [];
  const countConditions: SQL[] = [];
  let selectiveRelation = false;
  let broadRelation = false;
  /** Few members: `IN (subquery)`, which the planner starts from; many: a key lookup per row walked. */
  const addRelation = async (members: SQL, probe: SQL) => {
    const broad = await isBroad(members);
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
  const tenantRelation = async (tenantIds: string[]) => {
    await addRelation(
      sql`SELECT m.user_id FROM memberships m WHERE m.tenant_id IN ${tenantIds}`,
      sql`SELECT 1 FROM memberships m WHERE m.tenant_id IN ${tenantIds} AND m.user_id = u.id`,
    );
    relationCount = sql`SELECT count(DISTINCT m.user_id) AS n FROM memberships m WHERE m.tenant_id IN ${tenantIds}`;
  };
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
        add(searchDialect().vendorCondition(values));
        break;
      case 'scope':
        await addRelation(
          sql`SELECT s.user_id FROM user_scopes s WHERE s.scope IN ${values}`,
          sql`SELECT 1 FROM user_scopes s WHERE s.user_id = u.id AND s.scope IN ${values}`,
        );
        relationCount = sql`SELECT count(DISTINCT s.user_id) AS n FROM user_scopes s WHERE s.scope IN ${values}`;
        break;
      case 'tenant':
        await tenantRelation(await resolveTenantIds(values, restriction));
        break;
      case 'created':
        for (const filter of filters) {
          // Bound through the column, so the date is stored-form on every engine.
          const time = sql.param(parseFilterDate(filter.value), users.createdAt);
          add(filter.operator === '>' ? sql`u.created_at > ${time}` : sql`u.created_at < ${time}`);
        }
        break;
    }
  }
  // Added to, never merged with, a `tenant:` filter: the caller's filter can only narrow it.
  if (restriction) await tenantRelation(restriction.tenantIds.length ? restriction.tenantIds : ['']);
  return { conditions, countConditions, selectiveRelation, broadRelation, relationCount: conditions.length === 1 ? relationCount : null };
}

/**
 * How a query's total is counted, decided once here for every list and count: known already;
 * one statement that an index answers quickly; or, when counting could scan, `inRange`: chunks
 * of the key range under a time budget (count.ts), where an engine that can stop a statement
 * (SearchDialect.countWithin) first tries `statement` whole within the budget.
 */
export type CountPlan = { known: number } | { statement: SQL } | { statement: SQL; inRange: (range: PkRange) => SQL };

export type PreparedQuery = {
  conditions: SQL[];
  sort: SortSpec;
  forceSortIndex: boolean;
  count: CountPlan;
  /** A pattern whose first look was put off (see PatternPlan.deferred): how to try a page without it, and the query once it is taken. */
  walkFirst: { pattern: SQL; otherConditions: SQL[]; budget: number; afterFirstLook: () => Promise<PreparedQuery> } | null;
};

export async function prepareQuery(query: Pick<UserListQuery, 'pattern' | 'filter' | 'sort'>, restriction: TenantRestriction = null): Promise<PreparedQuery> {
  const sort = parseSort(query.sort);
  const filters = await filterConditions(query.filter ?? [], restriction);
  const plan = query.pattern ? await searchDialect().patternPlan(query.pattern, BROAD_MATCHES) : null;
  return withPattern(sort, filters, plan);
}

const whereClause = (conditions: SQL[]) => (conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``);

function countPlan(filters: Filters, plan: PatternPlan | null): CountPlan {
  if (plan && filters.conditions.length === 0) {
    if (plan.matchCount !== null) return { known: plan.matchCount };
    if (plan.indexCount) return { statement: plan.indexCount };
  }
  if (!plan && filters.relationCount) return { statement: filters.relationCount };
  const countConditions = plan ? [...filters.countConditions, plan.countCondition ?? plan.condition] : filters.countConditions;
  const statement = sql`SELECT count(*) AS n FROM users u ${whereClause(countConditions)}`;
  // A few rows to start from; or no condition on an engine that counts a table without reading its rows.
  if (filters.selectiveRelation || (plan && !plan.broad) || (countConditions.length === 0 && !searchDialect().countWithin)) return { statement };
  // Checked row by row within each chunk: a broad scope or tenant as a key lookup per row, not
  // as its whole member list gathered again for every chunk.
  const rowConditions = plan ? [...filters.conditions, plan.countCondition ?? plan.condition] : filters.conditions;
  return { statement, inRange: ({ from, to }) => sql`SELECT count(*) AS n FROM users u ${whereClause([...rowConditions, sql`u.pk >= ${from} AND u.pk < ${to}`])}` };
}

function withPattern(sort: SortSpec, filters: Filters, plan: PatternPlan | null): PreparedQuery {
  const conditions = [...filters.conditions];
  let selective = filters.selectiveRelation;
  let broad = filters.broadRelation;
  if (plan) {
    conditions.push(plan.condition);
    selective ||= !plan.broad;
    broad ||= plan.broad;
  }
  const deferred = plan?.deferred;
  return {
    conditions,
    sort,
    // Only broad narrowing: walk the sort index and stop when the page is full. Anything
    // selective: let the planner start from those few rows.
    forceSortIndex: broad && !selective,
    count: countPlan(filters, plan),
    walkFirst: deferred
      ? {
          pattern: plan.condition,
          otherConditions: filters.conditions,
          budget: deferred.walkBudget,
          afterFirstLook: async () => withPattern(sort, filters, await deferred.firstLook()),
        }
      : null,
  };
}

/**
 * Rows strictly after the cursor in (sort key, pk) order: one seek past its row value where the
 * engine's sort index can start there (SearchDialect.seeksPastRowValue); otherwise a range on
 * the key plus a tie-break, as SQLite cannot seek with a row value on an expression index. The
 * range starts at the cursor's first tie, so a page deep among a shared value reads its ties again.
 */
function afterCursor(sort: SortSpec, { value, pk }: CursorPosition): SQL {
  const key = sql.raw(searchDialect().sortColumns[sort.field].column);
  if (searchDialect().seeksPastRowValue) return sql`(${key}, u.pk) ${sql.raw(sort.direction === 1 ? '>' : '<')} (${value}, ${pk})`;
  return sort.direction === 1
    ? sql`${key} >= ${value} AND (${key} > ${value} OR u.pk > ${pk})`
    : sql`${key} <= ${value} AND (${key} < ${value} OR u.pk < ${pk})`;
}

export type PageQuery = Pick<UserListQuery, 'pattern' | 'filter' | 'sort' | 'cursor' | 'limit' | 'offset'>;

/** The SQL of one page's keys (pk and sort value), one row more than the page to tell whether another follows. */
export function pageKeysSql(query: PageQuery, prepared: PreparedQuery): SQL {
  const { sort } = prepared;
  const conditions = [...prepared.conditions];
  if (query.cursor) conditions.push(afterCursor(sort, decodeCursor(query.cursor, sort)));
  const { column, index } = searchDialect().sortColumns[sort.field];
  const direction = sql.raw(sort.direction === 1 ? 'ASC' : 'DESC');
  const source = searchDialect().usersSource(prepared.forceSortIndex ? index : null);
  return sql`SELECT u.pk AS pk, ${sql.raw(column)} AS "sortValue" FROM ${source} ${whereClause(conditions)}
    ORDER BY ${sql.raw(column)} ${direction}, u.pk ${direction} LIMIT ${query.limit + 1} OFFSET ${query.cursor ? 0 : query.offset}`;
}

/**
 * The SQL of a page found by walking at most `budget` rows of the sort order (those that pass
 * the other conditions) and testing the pattern on each: the same rows as pageKeysSql when it
 * finds a full page, and null when the page cannot fit in the budget at all (a deep offset).
 */
export function walkedPageKeysSql(query: PageQuery, prepared: PreparedQuery): SQL | null {
  const walk = prepared.walkFirst;
  const offset = query.cursor ? 0 : query.offset;
  if (!walk || offset + query.limit + 1 > walk.budget) return null;
  const { sort } = prepared;
  const conditions = [...walk.otherConditions];
  if (query.cursor) conditions.push(afterCursor(sort, decodeCursor(query.cursor, sort)));
  const { column } = searchDialect().sortColumns[sort.field];
  const direction = sql.raw(sort.direction === 1 ? 'ASC' : 'DESC');
  // The outer ORDER BY restates the walk's order, which the subquery already delivers: no sort is added.
  return sql`SELECT pk, "sortValue" FROM (
      SELECT u.pk AS pk, ${sql.raw(column)} AS "sortValue", ${walk.pattern} AS hit FROM ${searchDialect().usersSource(null)} ${whereClause(conditions)}
      ORDER BY ${sql.raw(column)} ${direction}, u.pk ${direction} LIMIT ${walk.budget}
    ) AS walked WHERE hit ORDER BY "sortValue" ${direction}, pk ${direction} LIMIT ${query.limit + 1} OFFSET ${offset}`;
}

/**
 * Where an export's batch starts, after the cursor's row: `after` as a page does (afterCursor),
 * where that is one seek (SearchDialect.seeksPastRowValue); otherwise in two exact seeks, the
 * rest of the cursor's sort value (`ties`), then the values past it (`past`) while the batch is
 * short, since afterCursor's range would read again every tie that earlier batches had taken
 * (15,000 users share the commonest last name at a million users, and that re-reading was most
 * of the time of an export sorted by last name).
 */
export type BatchStart = { after: CursorPosition; rows: 'after' | 'ties' | 'past' };

function batchStartCondition(sort: SortSpec, { after, rows }: BatchStart): SQL {
  if (rows === 'after') return afterCursor(sort, after);
  const key = sql.raw(searchDialect().sortColumns[sort.field].column);
  const past = sql.raw(sort.direction === 1 ? '>' : '<');
  return rows === 'ties' ? sql`${key} = ${after.value} AND u.pk ${past} ${after.pk}` : sql`${key} ${past} ${after.value}`;
}

/**
 * The SQL of an export's batch: `columns` of the next `limit` rows from `start` (null: from the
 * first) in the sort order, each with its pk and "sortValue" to seek the next batch from. A
 * keyset seek, so the millionth row costs what the first does.
 */
export function batchSql(prepared: PreparedQuery, columns: SQL, start: BatchStart | null, limit: number): SQL {
  const { sort } = prepared;
  const conditions = start ? [...prepared.conditions, batchStartCondition(sort, start)] : prepared.conditions;
  const { column, index } = searchDialect().sortColumns[sort.field];
  const direction = sql.raw(sort.direction === 1 ? 'ASC' : 'DESC');
  const source = searchDialect().usersSource(prepared.forceSortIndex ? index : null);
  return sql`SELECT ${columns}, u.pk AS pk, ${sql.raw(column)} AS "sortValue" FROM ${source} ${whereClause(conditions)}
    ORDER BY ${sql.raw(column)} ${direction}, u.pk ${direction} LIMIT ${limit}`;
}

export type PageKey = { pk: number; sortValue: unknown };

/**
 * One page's keys, and the prepared query that found them (the one to count with). A pattern
 * whose first look was put off is tried by walking first; a page that comes back short may
 * only have run out of budget, so the first look is taken and the page asked for again.
 */
export async function pageKeys(query: PageQuery, prepared: PreparedQuery): Promise<{ keys: PageKey[]; prepared: PreparedQuery }> {
  const walked = walkedPageKeysSql(query, prepared);
  if (walked) {
    const keys = await queryRows<PageKey>(walked);
    if (keys.length > query.limit) return { keys, prepared };
  }
  const settled = prepared.walkFirst ? await prepared.walkFirst.afterFirstLook() : prepared;
  return { keys: await queryRows<PageKey>(pageKeysSql(query, settled)), prepared: settled };
}

/** The SQL the total runs first, for EXPLAIN: its one statement, or where counting goes in chunks, one over every key. */
export function countSql(prepared: PreparedQuery): SQL {
  const { count } = prepared;
  if ('known' in count) return sql`SELECT ${count.known} AS n`;
  return 'inRange' in count && !searchDialect().countWithin ? count.inRange({ from: 0, to: 2 ** 31 - 1 }) : count.statement;
}

/** The total, exact when it fits `budgetMs` (null: always exact) and otherwise estimated. */
export async function countPrepared(prepared: PreparedQuery, budgetMs: number | null): Promise<Total> {
  const { count } = prepared;
  if ('known' in count) return { total: count.known, exact: true };
  if (!('inRange' in count)) return { total: await countStatement(count.statement), exact: true };
  const { countWithin } = searchDialect();
  if (budgetMs === null || !countWithin) return await countInChunks(count.inRange, budgetMs);
  const total = await countWithin(count.statement, budgetMs);
  // Stopped at the budget: one chunk is enough to extrapolate from.
  return total === null ? await countInChunks(count.inRange, 0) : { total, exact: true };
}
