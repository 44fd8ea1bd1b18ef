import { and, asc, desc, eq, gt, gte, inArray, lt, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { getDb, inSearchLane } from '@/db/client';
import { auditEvents, memberships, users, userScopes } from '@/db/schema';
import { ADMIN_SCOPE } from '@/lib/users/users';
import { decodeCursor, encodeCursor } from '@/lib/search/cursor';
import { badRequest, parseFilterDate } from '@/lib/search/sort-and-filters';
import { displayName } from '@/lib/users/users';
import { AUDIT_FILTER_FIELDS, type AuditEventView, type AuditFilterField, type AuditListQuery } from './schemas';

/**
 * Reading the audit trail: the filter grammar, keyset pages in time order, and the tenant
 * scope. Every query is an index range read newest (or oldest) first that stops at the page:
 * (at), (actor, at), (target, at), (action, at) and (tenant_id, at) each serve one filter or
 * one alternative of an OR (see branchesOf). `npm run bench:audit` times them at 10 million events.
 */

/** Whose events the caller reads: everything (a system admin), or those of their tenants (a tenant admin). */
export type AuditScope = null | { tenantIds: string[] };

/**
 * A free-text `pattern` cannot use an index (it matches inside any of five columns), so each
 * page looks at most this many events past its cursor; when the window ends before the page
 * fills, the page says how far it searched and its cursor goes on from there.
 */
export const PATTERN_SCAN_WINDOW = 10_000;

export type AuditPage = { items: AuditEventView[]; limit: number; nextCursor: string | null; searchedThrough: string | null };

type AuditRow = typeof auditEvents.$inferSelect;
type Direction = 1 | -1;
type Position = { at: Date; id: number };

const CURSOR_FIELD = 'at';

const EVENT_COLUMNS = {
  id: auditEvents.id,
  at: auditEvents.at,
  actorKind: auditEvents.actorKind,
  actor: auditEvents.actor,
  action: auditEvents.action,
  targetKind: auditEvents.targetKind,
  target: auditEvents.target,
  tenantId: auditEvents.tenantId,
  before: auditEvents.before,
  after: auditEvents.after,
  ip: auditEvents.ip,
  userAgent: auditEvents.userAgent,
  requestId: auditEvents.requestId,
};

// ----- The grammar -----

type ParsedAuditFilter = { field: AuditFilterField; operator: ':' | '>=' | '>' | '<=' | '<'; value: string };

function parseAuditFilter(raw: string): ParsedAuditFilter {
  const match = /^([A-Za-z]+)(:|>=|<=|>|<)(.*)$/s.exec(raw);
  if (!match) throw badRequest('filter', `Filter "${raw}" must look like field:value (or at>=DATE, at<DATE).`);
  const [, field, operator, rawValue] = match;
  if (!(AUDIT_FILTER_FIELDS as readonly string[]).includes(field)) {
    throw badRequest('filter', `Unknown filter field "${field}". Filter by one of: ${AUDIT_FILTER_FIELDS.join(', ')}.`);
  }
  if ((field === 'at') !== (operator !== ':')) {
    throw badRequest('filter', field === 'at' ? 'Filter at with at>=DATE, at>DATE, at<DATE or at<=DATE.' : `Filter ${field} with ${field}:value.`);
  }
  const value = rawValue.trim();
  if (!value) throw badRequest('filter', `Filter "${raw}" needs a value.`);
  return { field: field as AuditFilterField, operator: operator as ParsedAuditFilter['operator'], value };
}

/** `%`, `_` and the escape itself stand for themselves in a LIKE pattern. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function actionCondition(value: string): SQL {
  // `user.*`: every action under `user.`; the (action, at) index serves the prefix range.
  if (value.endsWith('.*')) return sql`${auditEvents.action} like ${`${likeLiteral(value.slice(0, -1))}%`} escape '\\'`;
  return eq(auditEvents.action, value);
}

function atCondition({ operator, value }: ParsedAuditFilter): SQL {
  const date = parseFilterDate(value);
  return { ':': eq, '>=': gte, '>': gt, '<=': lte, '<': lt }[operator](auditEvents.at, date);
}

/** Filters on different fields all apply; values of one field are alternatives (the users list's rule). */
function filterConditions(filters: string[]): SQL[] {
  const byField = new Map<AuditFilterField, ParsedAuditFilter[]>();
  for (const filter of filters.map(parseAuditFilter)) byField.set(filter.field, [...(byField.get(filter.field) ?? []), filter]);
  const conditions: SQL[] = [];
  for (const [field, parsed] of byField) {
    const values = parsed.map((filter) => filter.value);
    if (field === 'actor') conditions.push(inArray(auditEvents.actor, values));
    if (field === 'target') conditions.push(inArray(auditEvents.target, values));
    if (field === 'tenant') conditions.push(inArray(auditEvents.tenantId, values));
    if (field === 'action') conditions.push(or(...values.map(actionCondition))!);
    // A date range is two bounds that both apply, not alternatives.
    if (field === 'at') conditions.push(...parsed.map(atCondition));
  }
  return conditions;
}

function patternCondition(pattern: string): SQL {
  const needle = `%${likeLiteral(pattern.toLowerCase())}%`;
  const columns = [auditEvents.action, auditEvents.actor, auditEvents.target, auditEvents.ip, auditEvents.userAgent];
  return or(...columns.map((column) => sql`lower(${column}) like ${needle} escape '\\'`))!;
}

/** `at:-1` (newest first, the default) or `at:1`: the users list's sort grammar, on the one field events sort by. */
function parseAuditSort(value: string | undefined): Direction {
  if (!value || value === 'at:-1') return -1;
  if (value === 'at:1') return 1;
  throw badRequest('sort', 'Sort events with at:-1 (newest first) or at:1 (oldest first).');
}

// ----- Keyset order -----

/** Rows strictly past `position` in the page's direction; the plain bound on `at` gives the index its range. */
function after(position: Position, direction: Direction): SQL {
  const [beyond, beyondOrAt] = direction === -1 ? [lt, lte] : [gt, gte];
  return and(beyondOrAt(auditEvents.at, position.at), or(beyond(auditEvents.at, position.at), and(eq(auditEvents.at, position.at), beyond(auditEvents.id, position.id))))!;
}

/** Rows up to and including `position`: the end of a pattern's search window. */
function upTo(position: Position, direction: Direction): SQL {
  const [short, shortOrAt] = direction === -1 ? [gt, gte] : [lt, lte];
  return and(shortOrAt(auditEvents.at, position.at), or(short(auditEvents.at, position.at), and(eq(auditEvents.at, position.at), shortOrAt(auditEvents.id, position.id))))!;
}

function order(direction: Direction) {
  return direction === -1 ? [desc(auditEvents.at), desc(auditEvents.id)] : [asc(auditEvents.at), asc(auditEvents.id)];
}

function cursorFor(row: Position, direction: Direction): string {
  return encodeCursor({ field: CURSOR_FIELD, direction }, { value: row.at.getTime(), pk: row.id });
}

function positionOf(cursor: string, direction: Direction): Position {
  const { value, pk } = decodeCursor(cursor, { field: CURSOR_FIELD, direction });
  if (typeof value !== 'number') throw badRequest('cursor', 'The cursor is not valid. Use the nextCursor of a previous page.');
  return { at: new Date(value), id: pk };
}

// ----- Pages -----

export type AuditListOptions = {
  scope?: AuditScope;
  /** A user's activity: the events about them or by them. */
  aboutUser?: string;
};

/**
 * The ways an event may be admitted when the caller's reach or the page is an OR (a tenant
 * admin: in their tenants, or about their members; an activity: by the user, or about them):
 * each alternative is read as its own index range in time order and the pages merged, because
 * one query with an OR would make the database either walk the whole trail in time order or
 * gather and sort every event of a busy user.
 */
function branchesOf(scope: AuditScope, aboutUser: string | undefined): SQL[][] {
  const alternatives: SQL[][] = [];
  if (scope) {
    // Members a tenant admin manages: never a system admin, whose sign-ins and addresses are not theirs to read.
    const systemAdmins = getDb().select({ userId: userScopes.userId }).from(userScopes).where(eq(userScopes.scope, ADMIN_SCOPE));
    const members = getDb()
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(inArray(memberships.tenantId, scope.tenantIds), notInArray(memberships.userId, systemAdmins)));
    alternatives.push([inArray(auditEvents.tenantId, scope.tenantIds), inArray(auditEvents.target, members)]);
  }
  if (aboutUser) alternatives.push([eq(auditEvents.actor, aboutUser), eq(auditEvents.target, aboutUser)]);
  return alternatives.reduce<SQL[][]>((branches, choices) => branches.flatMap((branch) => choices.map((choice) => [...branch, choice])), [[]]);
}

/** Whether `a` comes before `b` in the page's order. */
function precedes(a: Position, b: Position, direction: Direction): boolean {
  const order = a.at.getTime() - b.at.getTime() || a.id - b.id;
  return direction === -1 ? order > 0 : order < 0;
}

/**
 * A page of events, newest first unless `sort=at:1`. Bad filters and cursors throw a 400
 * (ApiError) before anything is read. Reads run in the search lane, apart from quick reads.
 */
export function listAuditEvents(query: AuditListQuery, { scope = null, aboutUser }: AuditListOptions = {}): Promise<AuditPage> {
  const direction = parseAuditSort(query.sort);
  const base = filterConditions(query.filter ?? []);
  const start = query.cursor ? positionOf(query.cursor, direction) : null;
  if (start) base.push(after(start, direction));
  return inSearchLane(async () => {
    const db = getDb();
    const branches = branchesOf(scope, aboutUser);
    const conditions = [...base];
    let windowEnd: Position | null = null;
    if (query.pattern) {
      // Each branch's window of events; together they are searched up to the least advanced one's end.
      const edges = await Promise.all(
        branches.map(async (branch) => {
          const [edge] = await db
            .select({ at: auditEvents.at, id: auditEvents.id })
            .from(auditEvents)
            .where(and(...base, ...branch))
            .orderBy(...order(direction))
            .limit(1)
            .offset(PATTERN_SCAN_WINDOW - 1);
          return edge;
        }),
      );
      for (const edge of edges) if (edge && (!windowEnd || precedes(edge, windowEnd, direction))) windowEnd = edge;
      if (windowEnd) conditions.push(upTo(windowEnd, direction));
      conditions.push(patternCondition(query.pattern));
    }
    const pages = await Promise.all(
      branches.map((branch) =>
        db
          .select(EVENT_COLUMNS)
          .from(auditEvents)
          .where(and(...conditions, ...branch))
          .orderBy(...order(direction))
          .limit(query.limit + 1),
      ),
    );
    const merged = [...new Map(pages.flat().map((row) => [row.id, row])).values()].sort((a, b) => (precedes(a, b, direction) ? -1 : 1));
    const items = merged.slice(0, query.limit);
    if (merged.length > query.limit) return { items: items.map(toView), limit: query.limit, nextCursor: cursorFor(items.at(-1)!, direction), searchedThrough: null };
    // The window ran out before the page filled: go on from its end.
    if (windowEnd) return { items: items.map(toView), limit: query.limit, nextCursor: cursorFor(windowEnd, direction), searchedThrough: windowEnd.at.toISOString() };
    return { items: items.map(toView), limit: query.limit, nextCursor: null, searchedThrough: null };
  });
}

function toView(row: Omit<AuditRow, 'prevHash' | 'hash' | 'redactions'>): AuditEventView {
  return { ...row, at: row.at.toISOString() };
}

/**
 * The actions the trail holds, in order: one index step per distinct action (a loose index
 * scan), not a read of every event, so the filter's choices cost little at millions of events.
 */
export async function listRecordedActions(): Promise<string[]> {
  return inSearchLane(async () => {
    const found: string[] = [];
    let last: string | null = null;
    for (;;) {
      const [next] = await getDb()
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(last === null ? undefined : gt(auditEvents.action, last))
        .orderBy(asc(auditEvents.action))
        .limit(1);
      if (!next) return found;
      found.push(next.action);
      last = next.action;
    }
  });
}

export type AuditPerson = { id: string; name: string; email: string };

/** The users among events' actors and targets, by id, in one query: the table shows names, not ids. */
export async function auditPeople(events: Pick<AuditEventView, 'actor' | 'target'>[]): Promise<Map<string, AuditPerson>> {
  const ids = [...new Set(events.flatMap((event) => [event.actor, event.target]).filter((id): id is string => Boolean(id)))];
  if (ids.length === 0) return new Map();
  const rows = await getDb()
    .select({ id: users.id, email: users.email, username: users.username, firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((row) => [row.id, { id: row.id, name: displayName(row), email: row.email }]));
}
