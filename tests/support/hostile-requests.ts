import { METHODS } from 'node:http';
import fc from 'fast-check';
import type { Mount } from '@/lib/api/route-methods';
import { dynamicSegments, routePath, type DynamicSegment, type HttpMethod } from './routes';

/**
 * Hostile requests for the API fuzz test (issue 12), on every mount: /api/v1 and the vendor
 * dialects under /compat (issue 14). Each one is a small recipe drawn by
 * fast-check from a seed, then turned into a concrete request against one route. A recipe
 * names one class of bad input (a wrong method, a malformed escape in the path, a deeply
 * nested body...) and where it goes (which method, path segment, query parameter or body
 * field), and leaves the rest of the request plausible (real ids, a body that nearly
 * validates), so the bad part reaches as deep into the route as it can.
 *
 * The plan starts with a grid, one request for every route, class and place, sent as the
 * system admin (the caller who gets past the access checks); random recipes over every
 * caller fill the rest. A seed reproduces both.
 */

export const CALLERS = ['anonymous', 'plain user', 'tenant admin', 'system admin'] as const;
export type Caller = (typeof CALLERS)[number];

const STANDARD_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const BODY_METHODS = new Set<string>(['POST', 'PUT', 'PATCH']);
// Methods Node's HTTP parser knows (it answers others itself, before the app sees them), less CONNECT (a tunnel, not a request).
const ODD_METHODS = METHODS.filter((m) => m !== 'CONNECT' && !(STANDARD_METHODS as readonly string[]).includes(m));
// For routes whose query schema the test cannot import: a parameter the listings take.
const FALLBACK_QUERY_NAMES = ['pattern'];
// Random recipes call as the admin half of the time: the others mostly stop at 401, 403 and 404.
const RANDOM_CALLERS: Caller[] = ['system admin', 'system admin', 'system admin', 'tenant admin', 'plain user', 'anonymous'];
// Always in the grid; the other odd methods take turns, a few per route.
const GRID_ODD_METHODS = ['TRACE', 'PROPFIND', 'HEAD', 'OPTIONS'];

export const INPUT_CLASSES = [
  'baseline',
  'method:unsupported',
  'method:odd',
  'path:hostile-id',
  'path:malformed-escape',
  'path:control-chars',
  'path:long',
  'path:unicode',
  'query:unknown',
  'query:repeated',
  'query:nul-control',
  'query:long',
  'query:wrong-type',
  'query:malformed-escape',
  'query:unicode',
  'query:odd-shape',
  'body:not-json',
  'body:wrong-content-type',
  'body:deep-nesting',
  'body:huge-string',
  'body:too-large',
  'body:wrong-type',
  'body:extra-fields',
  'body:null',
  'body:array',
  'body:numbers-as-strings',
  'body:unicode',
  'body:deep-metadata',
  'body:random-json',
  'body:on-GET',
  'header:bad-authorization',
  'header:if-match',
] as const;
export type InputClass = (typeof INPUT_CLASSES)[number];

type JsonSchema = {
  type?: string;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  format?: string;
  required?: string[];
};

export type FuzzRoute = {
  mount: Mount;
  /** The route's folder under its mount's, `[name]` for a path parameter: `users/[id]/permissions`. */
  route: string;
  methods: HttpMethod[];
  /** Whether an operation of the route takes a body (and whether the document names its fields). */
  takesBody: boolean;
  /** The top-level fields of the route's request bodies, from the document; empty when it takes none. */
  bodyFields: Record<string, JsonSchema>;
  /** Whether its body is text in media types of its own (an import file): there are no fields to aim at. */
  textBody: boolean;
  /** Its query parameters, from the document. */
  queryFields: Record<string, JsonSchema>;
  /** The query parameters an operation requires (telm.ai's calls take their fields in the query). */
  requiredQuery: string[];
};

type OpenApiOperation = {
  parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content: Record<string, { schema?: JsonSchema & { $ref?: string } }> };
};
export type OpenApiDocument = { paths: Record<string, Record<string, OpenApiOperation>>; components?: { schemas?: Record<string, JsonSchema> } };

/**
 * The routes to fuzz, read from the OpenAPI document the server publishes: each path under a
 * mount with its methods, query parameters and body fields. A route the document lacks is not
 * fuzzed, and the test that compares the document with the routes on disk fails instead.
 */
export function fuzzRoutesFromDocument(document: OpenApiDocument, mounts: readonly Mount[]): FuzzRoute[] {
  const resolve = (schema: (JsonSchema & { $ref?: string }) | undefined): JsonSchema =>
    schema?.$ref ? resolve(document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')]) : (schema ?? {});
  return Object.entries(document.paths)
    .map(([path, item]) => {
      const mount = [...mounts].sort((a, b) => b.length - a.length).find((m) => path.startsWith(`/${m}/`));
      if (!mount) throw new Error(`The document's path ${path} is under no API mount`);
      const operations = Object.entries(item).filter(([method]) => (STANDARD_METHODS as readonly string[]).includes(method.toUpperCase()));
      const bodyFields: Record<string, JsonSchema> = {};
      const queryFields: Record<string, JsonSchema> = {};
      const requiredQuery = new Set<string>();
      let takesBody = false;
      let textBody = false;
      for (const [, operation] of operations) {
        for (const media of Object.values(operation.requestBody?.content ?? {})) {
          takesBody = true;
          const schema = resolve(media.schema);
          if (schema.type === 'string') textBody = true;
          for (const option of schema.anyOf ?? [schema]) Object.assign(bodyFields, resolve(option).properties);
        }
        for (const parameter of operation.parameters ?? []) {
          if (parameter.in !== 'query') continue;
          queryFields[parameter.name] = resolve(parameter.schema);
          if (parameter.required) requiredQuery.add(parameter.name);
        }
      }
      return {
        mount,
        route: path.slice(mount.length + 2).replace(/\{(\w+)\}/g, '[$1]'),
        methods: operations.map(([method]) => method.toUpperCase() as HttpMethod),
        takesBody,
        bodyFields,
        textBody,
        queryFields,
        requiredQuery: [...requiredQuery],
      };
    })
    .sort((a, b) => (`${a.mount}/${a.route}` < `${b.mount}/${b.route}` ? -1 : 1));
}

/**
 * Real objects made for the fuzz: ids (or, where a dialect's paths name them so, slugs and
 * emails) that reach past "not found" into the handlers. A DELETE names an expendable one as
 * its target, so that the objects every other request names (a tenant with members, say) last
 * the whole run.
 */
type PoolLists = { users: string[]; tenants: string[]; resources: string[]; tickets: string[]; emails: string[] };
export type Pools = PoolLists & { expendable: Partial<PoolLists> };

/** Where a recipe's bad input goes: a method, a path segment's index, a query parameter, a body field, or a variant. */
type Cell = { route: number; inputClass: InputClass; slot: string; caller: Caller };

export type Recipe = {
  index: number;
  /** Set for the grid; random recipes draw route, class, slot and caller from the numbers below. */
  cell?: Cell;
  route: number;
  inputClass: number;
  slot: number;
  caller: number;
  method: number;
  pick: number;
  size: number;
  junk: string;
  json: unknown;
};

/** The plan for a seed: the grid first (the part worth most if time runs out), then random recipes up to `count`. */
export function planRecipes(seed: number, routes: FuzzRoute[], count: number): { recipes: Recipe[]; gridSize: number } {
  const perRoute: Cell[][] = routes.map((route, routeIndex) =>
    classesFor(route).flatMap((inputClass) => gridSlots(route, routeIndex, inputClass).map((slot) => ({ route: routeIndex, inputClass, slot, caller: 'system admin' as const }))),
  );
  // Round by round, one cell of every route each: when time runs out, every route has been tried about as often.
  const grid: Cell[] = Array.from({ length: Math.max(0, ...perRoute.map((cells) => cells.length)) }, (_, round) => perRoute.flatMap((cells) => (round < cells.length ? [cells[round]] : []))).flat();
  const recipe = fc.record({
    route: fc.nat(),
    inputClass: fc.nat(),
    slot: fc.nat(),
    caller: fc.nat(),
    method: fc.nat(),
    pick: fc.nat(),
    size: fc.nat(),
    // Any code point, lone surrogates included.
    junk: fc.string({ unit: 'binary', maxLength: 24 }),
    json: fc.jsonValue({ maxDepth: 3 }),
  });
  const recipes = fc.sample(recipe, { seed, numRuns: Math.max(count, grid.length) }).map((r, index) => ({ ...r, index, cell: grid[index] }));
  return { recipes, gridSize: grid.length };
}

export type FuzzRequest = {
  caller: Caller;
  mount: Mount;
  method: string;
  /** The raw request target, sent as is (malformed escapes included). */
  path: string;
  /** The route's folder under its mount's. */
  route: string;
  inputClass: InputClass;
  /** Where the bad input went, when a class has several places: `[id]`, `?pattern`, `.metadata`. */
  place?: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Send the body with chunked encoding, without a Content-Length to trust. */
  chunked?: boolean;
};

/** `pools` by mount: each dialect's paths name the objects of its own pool. */
export type Context = { routes: FuzzRoute[]; pools: Record<Mount, Pools>; tag: string };

const pickFrom = <T>(list: readonly T[], n: number): T => list[n % list.length];

/** The classes that make sense for a route: no body classes where no method takes a body, and so on. */
function classesFor(route: FuzzRoute): InputClass[] {
  const takesBody = route.methods.some((m) => BODY_METHODS.has(m));
  return INPUT_CLASSES.filter((inputClass) => {
    if (inputClass === 'method:unsupported') return STANDARD_METHODS.some((m) => !route.methods.includes(m));
    if (inputClass === 'body:on-GET') return route.methods.includes('GET');
    if (inputClass === 'body:deep-metadata') return 'metadata' in route.bodyFields;
    if (inputClass === 'header:if-match') return route.methods.includes('PATCH');
    if (inputClass.startsWith('body:')) return takesBody;
    return true;
  });
}

const FIELD_BODY_CLASSES = new Set<InputClass>(['body:wrong-type', 'body:huge-string', 'body:null', 'body:unicode', 'body:numbers-as-strings']);
const NAMED_QUERY_CLASSES = new Set<InputClass>(['query:repeated', 'query:nul-control', 'query:long', 'query:malformed-escape', 'query:unicode']);

/** Every place a class's bad input can go in a route. */
function slotsFor(route: FuzzRoute, inputClass: InputClass): string[] {
  if (inputClass === 'baseline') return [...route.methods];
  if (inputClass === 'method:unsupported') return STANDARD_METHODS.filter((m) => !route.methods.includes(m));
  if (inputClass === 'method:odd') return ODD_METHODS;
  if (inputClass.startsWith('path:')) {
    const segments = dynamicSegments(route.route);
    return segments.length ? segments.map((_, i) => String(i)) : ['append'];
  }
  if (NAMED_QUERY_CLASSES.has(inputClass)) return Object.keys(route.queryFields).length ? Object.keys(route.queryFields) : FALLBACK_QUERY_NAMES;
  if (FIELD_BODY_CLASSES.has(inputClass)) return Object.keys(route.bodyFields).length ? Object.keys(route.bodyFields) : ['name'];
  return ['variant 1', 'variant 2'];
}

function gridSlots(route: FuzzRoute, routeIndex: number, inputClass: InputClass): string[] {
  if (inputClass !== 'method:odd') return slotsFor(route, inputClass);
  const others = ODD_METHODS.filter((m) => !GRID_ODD_METHODS.includes(m));
  return [...GRID_ODD_METHODS, others[(routeIndex * 2) % others.length], others[(routeIndex * 2 + 1) % others.length]];
}

export function materialize(recipe: Recipe, context: Context): FuzzRequest {
  const route = context.routes[recipe.cell?.route ?? recipe.route % context.routes.length];
  const inputClass = recipe.cell?.inputClass ?? pickFrom(classesFor(route), recipe.inputClass);
  const slot = recipe.cell?.slot ?? pickFrom(slotsFor(route, inputClass), recipe.slot);
  const method = methodFor(route, inputClass, slot, recipe);
  // Signing out revokes the caller's token: only ever try it without a real one.
  const caller = method === 'DELETE' && route.mount === 'api/v1' && route.route === 'auth/token' ? 'anonymous' : (recipe.cell?.caller ?? pickFrom(RANDOM_CALLERS, recipe.caller));
  const values = new Values(context, route.mount, recipe);
  const request: FuzzRequest = {
    caller,
    mount: route.mount,
    method,
    route: route.route,
    inputClass,
    place: placeOf(route, inputClass, slot),
    path: buildPath(route, method, inputClass, slot, recipe, values) + buildQuery(route, inputClass, slot, recipe, values),
    headers: { 'user-agent': 'gatehouse-fuzz', accept: '*/*' },
  };
  if (inputClass === 'header:bad-authorization') request.headers.authorization = pickFrom(BAD_AUTHORIZATIONS, recipe.pick);
  if (inputClass === 'header:if-match') request.headers['if-match'] = pickFrom(BAD_IF_MATCH, recipe.pick);
  if (BODY_METHODS.has(method) || inputClass.startsWith('body:')) {
    const body = buildBody(route, inputClass, slot, recipe, values);
    if (body.contentType !== null) request.headers['content-type'] = body.contentType;
    request.body = typeof body.text === 'string' ? Buffer.from(body.text, 'utf8') : body.text;
    request.chunked = body.chunked;
  }
  return request;
}

function placeOf(route: FuzzRoute, inputClass: InputClass, slot: string): string | undefined {
  if (inputClass.startsWith('path:')) return slot === 'append' ? 'extra segment' : `[${dynamicSegments(route.route)[Number(slot)].name}]`;
  if (NAMED_QUERY_CLASSES.has(inputClass)) return `?${slot}`;
  if (FIELD_BODY_CLASSES.has(inputClass)) return `.${slot}`;
  return undefined;
}

function methodFor(route: FuzzRoute, inputClass: InputClass, slot: string, recipe: Recipe): string {
  if (inputClass === 'baseline' || inputClass.startsWith('method:')) return slot;
  if (inputClass === 'body:on-GET') return 'GET';
  if (inputClass.startsWith('body:')) return pickFrom(route.methods.filter((m) => BODY_METHODS.has(m)), recipe.method);
  if (inputClass === 'header:if-match') return 'PATCH';
  // Queries matter most to listings: give GET the larger share where there is one.
  if (inputClass.startsWith('query:') && route.methods.includes('GET') && (recipe.cell || recipe.method % 4 !== 0)) return 'GET';
  return pickFrom(route.methods as readonly HttpMethod[], recipe.method);
}

// ----- Values -----

const HOSTILE_IDS = [
  '0',
  '-1',
  '1e309',
  'NaN',
  'null',
  'undefined',
  'true',
  '__proto__',
  'constructor',
  'prototype',
  "' OR '1'='1",
  '" OR ""="',
  '%',
  '*',
  '{id}',
  '[id]',
  '$where',
  ' padded ',
  '\t',
  'a/b',
  'a?b',
  'a#b',
  'a;b',
  'a\\b',
  '<script>alert(1)</script>',
  '${7*7}',
  'usr_',
  'x'.repeat(65),
];
// Raw in the URL, never encoded again: each is an escape no decoder should accept.
const MALFORMED_ESCAPES = ['%E0%A4%A', '%', '%zz', '%%', '%E0%A4', '%C0%AF', '%FF', '%ED%A0%80', '%F4%90%80%80', 'abc%', '%u0041', '%2', '%C3%28', '%80'];
// Each with a NUL, the character most likely to upset a layer below (C strings, SQLite's FTS, a logger),
// in at least three characters: shorter search patterns take another path.
const NUL_VALUES = ['a\u0000b', 'x\u0000'.repeat(20), '\u001b[31m\u0000', 'a\u0001b\u0000\u007f', '\u0000\u0000\u0000', 'ab\r\n\u0000cd'];
const CONTROL_VALUES = ['\u0000', 'a\u0000b', '\r\n', '\u001b[31m', '\u007f', '\b', '\n', 'x\u0000'.repeat(20), '\u0001\u0002\u0003'];
// Encoded with encodeURIComponent where it can be; a lone surrogate cannot, and is sent as its (invalid) UTF-8 bytes.
const UNICODE_ODDITIES = [
  '\u202Eevil\u202C',
  '\u200F\u200E',
  '\uFEFFbom',
  '\u200B\u200C\u200D',
  '\uD800',
  '\uDFFF',
  'a\uD83Db',
  'e\u0301'.repeat(300),
  '👩‍👩‍👧‍👦',
  'ａｄｍｉｎ',
  'аdmin',
  '\u2028\u2029',
  '\uFFFF\uFFFE',
  '𝕏'.repeat(40),
];
const BAD_AUTHORIZATIONS = [
  'Bearer',
  'Bearer ',
  'Bearer x',
  'bearer  not-a-token',
  'Bearer a b',
  'Bearer ' + 'A'.repeat(8000),
  'Basic dXNlcjpwYXNz',
  'Token abc',
  'Bearer %00',
  'Bearer ../../etc/passwd',
  'Bearer null',
  'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.',
];
const BAD_IF_MATCH = ['*', 'W/"1"', '"abc"', '"', '""', 'x'.repeat(4000), '"-1"', '"1e309"', '"99999999999999999999999"', '"1", "2"', 'W/'];

// Where a dialect's format differs from /api/v1's, a value its schema takes; or undefined, to leave a field out of a
// plausible body (Tyk's read-only fields, which must match the stored user's).
const DIALECT_VALUES: Partial<Record<Mount, Record<string, unknown>>> = {
  'compat/solvexia': { dateOfBirth: '03/02/1990', timezone: '(UTC+10:00) Canberra, Melbourne, Sydney' },
  'compat/tyk': { id: undefined, org_id: undefined, access_key: undefined },
};

/** Per-request values: real ids from the mount's pools and plausible field values, reproducible from the recipe. */
class Values {
  private readonly pools: Pools;

  constructor(
    private readonly context: Context,
    private readonly mount: Mount,
    private readonly recipe: Recipe,
  ) {
    this.pools = context.pools[mount];
  }

  real(segment: DynamicSegment, deleteTarget: boolean): string | null {
    const pools = deleteTarget ? { ...this.pools, ...this.pools.expendable } : this.pools;
    const pool =
      segment.name === 'user_email'
        ? pools.emails
        : segment.name === 'tenant'
        ? pools.tenants
        : segment.name === 'ticket'
          ? pools.tickets
          : segment.name === 'resourceId' || (segment.name === 'id' && segment.parent === 'resources')
            ? pools.resources
            : segment.name === 'userId' || (segment.name === 'id' && segment.parent === 'users')
              ? pools.users
              : [];
    return pool.length ? pickFrom(pool, this.recipe.pick + segment.name.length) : null;
  }

  /** A value that nearly validates, so that the hostile part is what gets judged. */
  field(name: string, schema: JsonSchema): unknown {
    const dialect = DIALECT_VALUES[this.mount];
    if (dialect && name in dialect) return dialect[name];
    const option = schema.anyOf?.find((s) => s.type !== 'null') ?? schema.anyOf?.[0] ?? schema;
    if ('const' in option) return option.const;
    if (option.enum) return pickFrom(option.enum, this.recipe.pick);
    switch (option.type) {
      case 'string':
        return this.text(name, option);
      case 'integer':
      case 'number':
        return option.minimum ?? 1;
      case 'boolean':
        return true;
      case 'array':
        return Array.from({ length: Math.max(1, option.minItems ?? 0) }, () => this.field(name, option.items ?? {}));
      case 'object':
        return Object.fromEntries(Object.entries(option.properties ?? {}).map(([key, value]) => [key, this.field(key, value)]));
      default:
        return 'fuzz';
    }
  }

  private text(name: string, schema: JsonSchema): string {
    const { tag } = this.context;
    const pools = this.pools;
    const n = this.recipe.index;
    const byName: Array<[RegExp, () => string]> = [
      [/email/i, () => `${tag}-${n}@example.com`],
      [/^oldPassword$/, () => 'not the current password'],
      [/password/i, () => 'Fuzzing passphrase 8 is long enough'],
      [/^resourceId$/, () => pickFrom(pools.resources, n) ?? `Fuzz ${n}`],
      [/^userId$/, () => pickFrom(pools.users, n) ?? `Fuzz ${n}`],
      [/^tenant(Id)?$/, () => pickFrom(pools.tenants, n) ?? `Fuzz ${n}`],
      [/^slug$/, () => `${tag}-s${n}`],
      [/^username$/, () => `${tag}-u${n}`],
      [/^dateOfBirth$/, () => '1990-02-03'],
      [/^timezone$/, () => 'Europe/Paris'],
      [/^phone/, () => '+1 555 0100'],
      [/^code$/, () => 'fuzz-made-up-code'],
      [/^scope$/, () => 'fuzz-scope'],
    ];
    if (schema.format === 'date-time') return '2031-01-31T00:00:00Z';
    const known = byName.find(([pattern]) => pattern.test(name));
    const value = known ? known[1]() : `Fuzz ${n}`;
    return value.padEnd(schema.minLength ?? 0, 'z').slice(0, schema.maxLength ?? Infinity);
  }
}

function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // A lone surrogate: send its code unit as the (invalid) three UTF-8 bytes it would be.
    return [...value]
      .map((ch) => {
        const code = ch.charCodeAt(0);
        if (code < 0xd800 || code > 0xdfff || ch.length > 1) return encodeURIComponent(ch);
        return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
      })
      .join('');
  }
}

/** `.` and `..` are resolved by URL parsing before any route sees them: they would leave the API. */
const notDotSegment = (encoded: string) => (encoded === '.' || encoded === '..' || encoded === '' ? 'dot' : encoded);

// ----- Path -----

function hostileSegment(inputClass: InputClass, recipe: Recipe): string | null {
  switch (inputClass) {
    case 'path:hostile-id':
      return notDotSegment(encodeSegment(recipe.pick % 4 === 0 ? recipe.junk : pickFrom(HOSTILE_IDS, recipe.pick)));
    case 'path:malformed-escape':
      return `${pickFrom(['', 'usr', 'x-'], recipe.size)}${pickFrom(MALFORMED_ESCAPES, recipe.pick)}`;
    case 'path:control-chars':
      return encodeSegment(pickFrom(CONTROL_VALUES, recipe.pick));
    case 'path:long':
      // Long, but within what Node's parser takes for a request line (16 KiB with the headers).
      return recipe.pick % 2 ? 'x'.repeat(65 + (recipe.size % 4000)) : encodeSegment('€'.repeat(20 + (recipe.size % 400)));
    case 'path:unicode':
      return encodeSegment(pickFrom(UNICODE_ODDITIES, recipe.pick));
    default:
      return null;
  }
}

function buildPath({ mount, route }: FuzzRoute, method: string, inputClass: InputClass, slot: string, recipe: Recipe, values: Values): string {
  const hostile = hostileSegment(inputClass, recipe);
  const last = dynamicSegments(route).length - 1;
  // The hostile value replaces one dynamic segment (the slot), or extends a route that has none.
  let position = -1;
  const target = routePath(mount, route, (segment) => {
    position += 1;
    if (hostile !== null && String(position) === slot) return segment.catchAll ? `no-such/${hostile}` : hostile;
    if (segment.catchAll) return pickFrom(['no/such/endpoint', 'users/x/y/z/w', 'v2', 'admin', 'users/count/more'], recipe.size);
    // The grid always names real objects; random recipes sometimes name none.
    const real = recipe.cell || recipe.size % 5 !== 0 ? values.real(segment, method === 'DELETE' && position === last) : null;
    return encodeSegment(real ?? `${segment.name}-${recipe.index}`);
  });
  return hostile !== null && slot === 'append' ? `${target}/${hostile}` : target;
}

// ----- Query -----

const WRONG_TYPED_QUERY = [
  'limit=abc',
  'limit=-1',
  'limit=0',
  'limit=1.5',
  'limit=1e309',
  'limit=99999999999999999999999',
  'limit=0x10',
  'limit=%20',
  'limit=Infinity',
  'offset=NaN',
  'offset=-5',
  'offset=1e21',
  'includeTotal=yes',
  'force=1',
  'force=TRUE',
  'cursor=!!!',
  `cursor=${'x'.repeat(600)}`,
  'cursor=eyJwayI6Ii0xIn0',
  'cursor=eyJwayI6bnVsbCwidiI6W119',
  'cursor=e30',
  'sort=created:2',
  'sort=bogus:-1',
  'sort=:::',
  'sort=email:1,email:-1,created:-1',
  'filter=bogus:x',
  'filter=created>notadate',
  'filter=created<',
  'filter=status:',
  'filter=tenant:',
  'filter=:',
  `filter=scope:${'s'.repeat(300)}`,
  'filter=status:active&filter=status:deleted&filter=created>2000-01-01&filter=created<1999-01-01',
  'limit=10&cursor=abc&offset=5',
];
const ODD_SHAPED_QUERIES = ['', '&&&', '=', '=x', 'pattern', 'pattern==', '+', 'limit', 'a=1&&b=2', '?pattern=a', 'pattern=a=b=c', '%3D=%3D', '&limit=&offset=&pattern='];

/** The hostile query, and with it (but for an odd shape) plausible values of the fields the route requires there. */
function buildQuery(route: FuzzRoute, inputClass: InputClass, name: string, recipe: Recipe, values: Values): string {
  const hostile = hostileQuery(inputClass, name, recipe);
  if (inputClass === 'query:odd-shape') return hostile;
  const plausible = route.requiredQuery.filter((field) => field !== name).map((field) => `${field}=${encodeSegment(String(values.field(field, route.queryFields[field])))}`);
  if (!plausible.length) return hostile;
  return `${hostile || '?'}${hostile ? '&' : ''}${plausible.join('&')}`;
}

function hostileQuery(inputClass: InputClass, name: string, recipe: Recipe): string {
  switch (inputClass) {
    case 'query:unknown':
      return `?${pickFrom(['zzz=1', '__proto__=1', 'constructor=x', 'limit[]=1', 'a[b]=c', '$where=1', 'toString=1', 'hasOwnProperty=1'], recipe.pick)}&${encodeSegment(recipe.junk) || 'q'}=1`;
    case 'query:repeated': {
      const count = 2 + (recipe.size % 5);
      return `?${Array.from({ length: count }, (_, i) => `${name}=${pickFrom(['1', 'a', '', '100', 'true', 'status:active', 'created:-1'], recipe.pick + i)}`).join('&')}`;
    }
    case 'query:nul-control':
      return `?${name}=${encodeSegment(pickFrom(NUL_VALUES, recipe.pick))}`;
    case 'query:long':
      return `?${name}=${'q'.repeat(129 + (recipe.size % 4000))}`;
    case 'query:wrong-type':
      return `?${pickFrom(WRONG_TYPED_QUERY, recipe.pick)}`;
    case 'query:malformed-escape':
      return `?${name}=${pickFrom(MALFORMED_ESCAPES, recipe.pick)}`;
    case 'query:unicode':
      return `?${name}=${encodeSegment(recipe.pick % 3 === 0 ? recipe.junk : pickFrom(UNICODE_ODDITIES, recipe.pick))}`;
    case 'query:odd-shape':
      return `?${pickFrom(ODD_SHAPED_QUERIES, recipe.pick)}`;
    default:
      return '';
  }
}

// ----- Body -----

type Body = { text: string | Buffer; contentType: string | null; chunked?: boolean };

const NOT_JSON = [
  '',
  'not json',
  '{',
  '}',
  '{"a":1',
  "{'email':'a@b.c'}",
  '{"a":1}}',
  '{"a":1} trailing',
  'NaN',
  'undefined',
  '\u0000',
  '\uFEFF{}',
  '{"a":01}',
  '{"a":"\\x41"}',
  '{"a":"\\u12"}',
  '[1,]',
  '{,}',
  '{"a" 1}',
  '"unterminated',
  '{"a":1,"a":2,}',
];
const WRONG_CONTENT_TYPES = [
  null,
  '',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/jsonp',
  'json',
  'application/json;;',
  'application/json; charset=utf-7',
  'application/vnd.api+json',
  'APPLICATION/JSON',
  '*/*',
  'application/json, text/plain',
];
const EXTRA_FIELDS: Array<[string, unknown]> = [
  ['constructor', { prototype: { polluted: true } }],
  ['isAdmin', true],
  ['id', 'usr_someone-else'],
  ['pk', 1],
  ['passwordHash', 'x'],
  ['sessionVersion', 0],
  ['createdAt', 0],
  ['status', 'deleting'],
  ['scopes', ['fuzz-scope']],
];
const WRONG_TYPED_VALUES: unknown[] = [0, -1, 1e308, -0, 1.5, true, false, null, [], [null], {}, { $gt: '' }, '', '   ', '0', 'true', 'null', [1, 2, 3], { a: { b: {} } }];

function deep(open: string, close: string, depth: number, inner = 'null'): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

/** `{"field": <raw JSON>, ...rest}` with the raw text spliced in, for values too deep for JSON.stringify. */
function withRawField(rest: Record<string, unknown>, field: string, raw: string): string {
  const others = JSON.stringify(Object.fromEntries(Object.entries(rest).filter(([key]) => key !== field)));
  return `{${JSON.stringify(field)}:${raw}${others === '{}' ? '}' : `,${others.slice(1)}`}`;
}

function stringsAsOddities(value: unknown, oddity: string): unknown {
  if (typeof value === 'string') return oddity;
  if (Array.isArray(value)) return value.map((v) => stringsAsOddities(v, oddity));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringsAsOddities(v, oddity)]));
  return value;
}

function buildBody(route: FuzzRoute, inputClass: InputClass, slot: string, recipe: Recipe, values: Values): Body {
  const fields = Object.entries(route.bodyFields);
  const base: Record<string, unknown> = Object.fromEntries(fields.map(([name, schema]) => [name, values.field(name, schema)]));
  const fieldName = FIELD_BODY_CLASSES.has(inputClass) ? slot : fields.length ? pickFrom(fields, recipe.slot)[0] : 'name';
  const json = (value: unknown): Body => ({ text: JSON.stringify(value), contentType: 'application/json' });
  const depth = pickFrom([5_000, 10_000, 50_000, 100_000], recipe.size);
  switch (inputClass) {
    case 'body:not-json':
      if (recipe.pick % 7 === 0) return { text: Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0xc0, 0xaf, 0x7d]), contentType: 'application/json' };
      return { text: pickFrom(NOT_JSON, recipe.pick), contentType: 'application/json' };
    case 'body:wrong-content-type': {
      const contentType = pickFrom(WRONG_CONTENT_TYPES, recipe.pick);
      return { text: contentType?.includes('form') ? 'email=a%40b.c&password=x' : JSON.stringify(base), contentType };
    }
    case 'body:deep-nesting':
      switch (recipe.pick % 4) {
        case 0:
          return { text: deep('{"a":', '}', depth), contentType: 'application/json' };
        case 1:
          return { text: deep('[', ']', depth, ''), contentType: 'application/json' };
        case 2:
          return { text: withRawField(base, fieldName, deep('{"a":', '}', depth)), contentType: 'application/json' };
        default:
          return { text: '['.repeat(depth), contentType: 'application/json' };
      }
    case 'body:huge-string': {
      const length = 100_000 + (recipe.size % 800_000);
      const filler = recipe.pick % 2 ? 'x'.repeat(length) : '\u00e9\u202E'.repeat(length / 6);
      return json({ ...base, [fieldName]: filler });
    }
    case 'body:too-large': {
      const text = JSON.stringify({ ...base, [fieldName]: 'x'.repeat(1024 * 1024 + (recipe.size % 1_000_000)) });
      return { text, contentType: 'application/json', chunked: recipe.pick % 2 === 0 };
    }
    case 'body:wrong-type': {
      const wrong = (n: number) => (n % 3 === 0 ? recipe.json : pickFrom(WRONG_TYPED_VALUES, n));
      if (recipe.pick % 4 === 0) return json(Object.fromEntries(fields.map(([name], i) => [name, wrong(recipe.pick + i)])));
      return json({ ...base, [fieldName]: wrong(recipe.pick) });
    }
    case 'body:extra-fields': {
      if (recipe.pick % 3 === 0) {
        const rest = JSON.stringify(base);
        return { text: `{"__proto__":{"isAdmin":true,"scopes":["admin"]}${rest === '{}' ? '}' : `,${rest.slice(1)}`}`, contentType: 'application/json' };
      }
      const [key, value] = pickFrom(EXTRA_FIELDS, recipe.pick);
      return json({ ...base, [key]: value, [recipe.junk || 'extra']: recipe.json });
    }
    case 'body:null':
      switch (recipe.pick % 3) {
        case 0:
          return json(null);
        case 1:
          return json(Object.fromEntries(fields.map(([name]) => [name, null])));
        default:
          return json({ ...base, [fieldName]: null });
      }
    case 'body:array':
      return json(pickFrom([[base], [], [[]], [null], Object.fromEntries(fields.map(([name, schema]) => [name, [values.field(name, schema)]]))], recipe.pick));
    case 'body:numbers-as-strings': {
      // A number, boolean, list or object as its JSON text; a string field gets a number-like string.
      const value = base[fieldName];
      return json({ ...base, [fieldName]: typeof value === 'string' ? pickFrom(['12', '1e3', '-0', '0x1F', 'true'], recipe.pick) : JSON.stringify(value ?? 1) });
    }
    case 'body:unicode': {
      const oddity = recipe.pick % 3 === 0 ? recipe.junk : pickFrom(UNICODE_ODDITIES, recipe.pick);
      // JSON.stringify writes a lone surrogate as an escape (\ud800): the JSON is valid, the string is not.
      if (recipe.pick % 2) return json(stringsAsOddities(base, oddity));
      return json({ ...base, [fieldName]: typeof base[fieldName] === 'string' ? `${oddity}${base[fieldName] as string}` : oddity });
    }
    case 'body:deep-metadata': {
      const metadataDepth = pickFrom([4_100, 4_500, 5_000, 8_000, 20_000], recipe.size);
      const raw = recipe.pick % 2 ? deep('{"a":', '}', metadataDepth) : `{"a":${deep('[', ']', metadataDepth, '1')}}`;
      return { text: withRawField(base, 'metadata', raw), contentType: 'application/json' };
    }
    case 'body:random-json':
      return json(recipe.json);
    case 'body:on-GET':
      return recipe.pick % 2 ? json(base) : { text: pickFrom(NOT_JSON, recipe.pick), contentType: 'application/json' };
    default:
      // A class about something else: the body is the plausible one.
      return json(base);
  }
}
