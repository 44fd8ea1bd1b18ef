import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { mayAttempt, OPERATIONS, type Operation } from '@/lib/access/matrix';
import { auth } from '../auth/nextauth';
import { callerForSecret } from '../auth/bearer';
import { principalForSession, type Principal } from '../auth/principal';
import { NUL_CHARACTER_MESSAGE, nulCharacterInFile, nulCharacterPath, parseClientJson } from '@/lib/http/json';
import { clientAddress, requestIdOf } from '@/lib/http/request';
import { withAuditContext, type AuditActorKind } from '@/lib/audit/context';
import { answeringRequest } from '@/lib/server/foreground';
import { targetKindOf } from '@/lib/audit/events';
import { ApiError, type FieldError } from './errors';
import { API_DOOR, type Door, type ErrorParts } from './door';
import { databaseUnavailableAsProblem } from './database-problem';
import { fieldErrors, toApiError } from './problem';
import type { Endpoint, TextBody } from './endpoint';

export const MAX_BODY_BYTES = 1024 * 1024;

type Caller<O extends Operation> = (typeof OPERATIONS)[O]['reach'] extends 'public' ? Principal | null : Principal;

export type RouteContext<O extends Operation, P, Q, B> = {
  request: NextRequest;
  principal: Caller<O>;
  /** The bearer token used, when the caller sent one (not for cookie sessions). */
  tokenId: string | null;
  address: string;
  params: P;
  query: Q;
  body: B;
};

type NextRouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

function toResponse({ status, headers, body }: ErrorParts): Response {
  return new Response(body, { status, headers });
}

/**
 * The one pipeline every handler of a door goes through: authenticates the caller, checks
 * access, parses params, query and body with zod, and turns every thrown error into the
 * door's error shape.
 */
export function routeThrough(door: Door) {
  return function route<O extends Operation, P = undefined, Q = undefined, B = undefined>(
    spec: Endpoint<O, P, Q, B>,
    handler: (context: RouteContext<O, P, Q, B>) => Promise<Response | object> | Response | object,
  ) {
    return (request: NextRequest, routeContext: NextRouteContext): Promise<Response> => answeringRequest(async () => {
      try {
        const { principal, tokenId } = await authenticate(request, door);
        if (!mayAttempt(spec.operation, principal) || (!principal && spec.credentialRequired)) {
          if (!principal) {
            const { missing, challenge } = door.credentialHint;
            throw new ApiError('unauthorized', missing, challenge ? { headers: { 'www-authenticate': challenge } } : {});
          }
          requireReach(spec.operation, principal);
        }
        const rawParams = (await routeContext?.params) ?? {};
        const rawQuery = searchParamsObject(request.nextUrl.searchParams);
        refuseControlCharacters({ params: rawParams, query: rawQuery });
        if (!spec.query) refuseUnknownQuery(rawQuery);
        const params = parseWith(spec.params, rawParams, 'bad-request', 'params');
        const query = parseWith(spec.query, rawQuery, 'bad-request', 'query');
        const bodyLeftOut = spec.bodyOptional === true && (await bodyIsEmpty(request));
        const body = spec.body && !bodyLeftOut ? refuseNulCharacters(parseWith(spec.body, await readBody(request, spec), 'validation-failed')) : (undefined as B);
        const address = clientAddress(request.headers);
        const audit = { actor: principal && { kind: credentialKind(tokenId), id: principal.user.id }, ip: address, userAgent: request.headers.get('user-agent'), requestId: requestIdOf(request.headers) };
        const result = await withAuditContext(audit, () => handler({ request, principal: principal as Caller<O>, tokenId, address, params, query, body }));
        return result instanceof Response ? result : Response.json(result);
      } catch (error) {
        return toResponse(door.errorParts(toApiError(databaseUnavailableAsProblem(error)), request.nextUrl.pathname));
      }
    });
  };
}

/**
 * A 403 unless the signed-in caller reaches the operation: for the pipeline, and for a handler
 * whose call widens (acting on another user needs more than acting on oneself).
 */
export function requireReach(operation: Operation, principal: Principal): void {
  if (mayAttempt(operation, principal)) return;
  throw new ApiError('forbidden', OPERATIONS[operation].reach === 'admin' ? 'This operation needs the admin scope.' : 'This operation needs the admin scope or a tenant admin role.');
}

/** How an API caller proved who they are, as the audit trail names it. */
function credentialKind(tokenId: string | null): AuditActorKind {
  if (!tokenId) return 'user';
  return targetKindOf(tokenId) === 'access-key' ? 'access-key' : 'token';
}

/** The /api/v1 wrapper. */
export const apiRoute = routeThrough(API_DOOR);

/** Query parameters as an object; a repeated parameter (`filter=a&filter=b`) becomes an array. */
function searchParamsObject(params: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    result[key] = values.length > 1 ? values : values[0];
  }
  return result;
}

/**
 * No path segment or query value has a reason to carry control characters (a NUL, a newline),
 * and below this line they only break things: refused once here, for every route.
 */
function refuseControlCharacters(parts: Record<'params' | 'query', Record<string, string | string[] | undefined>>): void {
  const errors: FieldError[] = [];
  for (const [part, values] of Object.entries(parts)) {
    for (const [name, value] of Object.entries(values)) {
      const list = Array.isArray(value) ? value : [value ?? ''];
      if (list.some((item) => CONTROL_CHARACTER.test(item))) errors.push({ path: `${part}.${name}`, message: 'Control characters are not allowed here.' });
    }
  }
  if (errors.length) throw new ApiError('bad-request', 'The request has control characters in its address.', { errors });
}
const CONTROL_CHARACTER = /\p{Cc}/u;

/** After the schema: what the handler would store. */
function refuseNulCharacters<B>(body: B): B {
  const path = nulCharacterPath(body);
  if (path === null) return body;
  throw new ApiError('validation-failed', NUL_CHARACTER_MESSAGE, { errors: [{ path, message: NUL_CHARACTER_MESSAGE }] });
}

/** A route that takes no query parameters says so, rather than ignoring a misspelt one. */
function refuseUnknownQuery(query: Record<string, string | string[]>): void {
  const names = Object.keys(query);
  if (names.length === 0) return;
  throw new ApiError('bad-request', `This endpoint takes no query parameters: ${names.join(', ')}.`, {
    errors: names.map((name) => ({ path: `query.${name}`, message: 'Unknown query parameter.' })),
  });
}

function parseWith<T>(schema: z.ZodType<T> | undefined, input: unknown, code: 'bad-request' | 'validation-failed', prefix?: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ApiError(code, 'The request has invalid or unknown fields.', { errors: fieldErrors(result.error, prefix) });
  }
  return result.data;
}

/**
 * A credential is checked first. Without one, the session cookie counts for safe methods
 * only (and only where the door accepts it): a cookie rides along on cross-site requests,
 * so it must not authorise a change.
 */
async function authenticate(request: NextRequest, door: Door): Promise<{ principal: Principal | null; tokenId: string | null }> {
  const secret = door.readSecret(request.headers);
  if (secret !== null) {
    const caller = await callerForSecret(secret);
    if (!caller) {
      const { invalid, invalidChallenge } = door.credentialHint;
      throw new ApiError('unauthorized', invalid, invalidChallenge ? { headers: { 'www-authenticate': invalidChallenge } } : {});
    }
    return caller;
  }
  if (door.acceptsSessionCookie && (request.method === 'GET' || request.method === 'HEAD')) {
    const session = await auth();
    if (session) return { principal: await principalForSession(session), tokenId: null };
  }
  return { principal: null, tokenId: null };
}

/** The body in one of the formats the route accepts, by its Content-Type. */
async function readBody(request: NextRequest, spec: Pick<Endpoint, 'bodyFormats' | 'textBody'>): Promise<unknown> {
  const contentType = request.headers.get('content-type') ?? '';
  if (spec.textBody) return readTextBody(request, contentType, spec.textBody);
  const formats = spec.bodyFormats ?? ['json'];
  if (formats.includes('form') && /^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType)) {
    return Object.fromEntries(new URLSearchParams(await readTextWithin(request, MAX_BODY_BYTES)));
  }
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType)) {
    throw new ApiError('unsupported-media-type', formats.includes('form') ? 'Send the body as application/json or application/x-www-form-urlencoded.' : 'Send the body as application/json.');
  }
  return readJsonBody(request);
}

/** A file taken as text in one of the endpoint's media types, within its own size limit. */
async function readTextBody(request: NextRequest, contentType: string, { mediaTypes, maxBytes }: NonNullable<Endpoint['textBody']>): Promise<TextBody> {
  const mediaType = contentType.split(';', 1)[0].trim().toLowerCase();
  const accepted = Object.keys(mediaTypes);
  if (!accepted.includes(mediaType)) throw new ApiError('unsupported-media-type', `Send the body as ${accepted.slice(0, -1).join(', ')} or ${accepted.at(-1)}.`);
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw bodyTooLarge(maxBytes);
  const text = await readTextWithin(request, maxBytes, { fatal: true });
  // The body is a file a person made: name the line, not the schema's field.
  const nul = nulCharacterInFile(text);
  if (nul) throw new ApiError('validation-failed', nul, { errors: [{ path: 'body', message: nul }] });
  return { text, mediaType };
}

async function readJsonBody(request: NextRequest): Promise<unknown> {
  const declaredLength = Number(request.headers.get('content-length') ?? 0);
  if (declaredLength > MAX_BODY_BYTES) throw bodyTooLarge();
  const text = await readTextWithin(request, MAX_BODY_BYTES);
  if (nestingDepth(text) > MAX_BODY_DEPTH) throw new ApiError('invalid-json', `The request body nests objects and arrays more than ${MAX_BODY_DEPTH} levels deep.`);
  try {
    return parseClientJson(text);
  } catch {
    throw new ApiError('invalid-json', 'The request body is not valid JSON.');
  }
}

// No request body of this API nests deeper than a few levels; a hostile one may nest
// thousands deep, and every recursive walk of it (validation, size checks) would overflow.
const MAX_BODY_DEPTH = 32;

/** The deepest nesting of brackets and braces in JSON text, outside strings. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') deepest = Math.max(deepest, ++depth);
    else if (c === '}' || c === ']') depth -= 1;
  }
  return deepest;
}

/** Whether the request carries no body bytes; reads a copy, so the body can still be read after. */
async function bodyIsEmpty(request: NextRequest): Promise<boolean> {
  if (!request.body) return true;
  return (await readTextWithin(request.clone(), MAX_BODY_BYTES)).trim() === '';
}

/**
 * Reads the body as UTF-8 text, stopping as soon as it passes the limit (a chunked body has no
 * Content-Length to trust). Each chunk is decoded as it arrives: decoding a 10 MB import file
 * in one go held the event loop, and every other request, for 15 ms. With `fatal`, bytes that
 * are not UTF-8 are refused; otherwise they become U+FFFD.
 */
async function readTextWithin(request: Request, limit: number, { fatal = false } = {}): Promise<string> {
  if (!request.body) return '';
  const decoder = new TextDecoder('utf-8', { fatal });
  const reader = request.body.getReader();
  const parts: string[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        // Not awaited: cancelling a clone's body (bodyIsEmpty reads one) settles only once the original is cancelled too.
        reader.cancel().catch(() => {});
        throw bodyTooLarge(limit);
      }
      parts.push(decoder.decode(value, { stream: true }));
    }
    parts.push(decoder.decode());
  } catch (error) {
    // The decoder's TypeError: the bytes are not UTF-8.
    if (!(error instanceof TypeError && fatal)) throw error;
    reader.cancel().catch(() => {});
    throw new ApiError('bad-request', 'The body is not valid UTF-8 text. Save the file as UTF-8 and send it again.');
  }
  return parts.join('');
}

function bodyTooLarge(limit = MAX_BODY_BYTES) {
  return new ApiError('payload-too-large', `The body must be at most ${limit} bytes.`);
}
