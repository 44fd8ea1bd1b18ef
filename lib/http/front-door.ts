import { Server, type IncomingMessage, type ServerResponse } from 'node:http';
import { ApiError } from '@/lib/api/errors';
import { API_DOOR, type Door } from '@/lib/api/door';
import { allowedApiMethods, mountOf } from '@/lib/api/route-methods';
import { DOORS } from '@/lib/compat/doors';
import { carriesSignedSession } from '@/lib/auth/session-cookie';
import { ACTION_BODY_LIMIT_BYTES, IMPORT_ACTION_BODY_LIMIT_BYTES, IMPORT_PAGE_PATH } from './body-limits';
import { CLIENT_ADDRESS_HEADER, lastForwardedFor, servedOverHttps } from './request';
import { apiSecurityHeaders } from './security-headers';

/**
 * The front door: every request passes here before Next sees it (installed at start-up by
 * patching the HTTP server's `request` event). It does two things Next cannot:
 *
 * - Route handlers never see the TCP peer, and `next start` keeps a client's own
 *   X-Forwarded-For untouched, so that header cannot be trusted for throttling. The door
 *   stamps every request with the peer address in a header of our own, after removing any
 *   copy a client sent. With TRUST_PROXY=true (Gatehouse behind a reverse proxy), the last
 *   X-Forwarded-For entry, the one the proxy added, is used instead.
 * - Answers under the API mounts get the API's browser security headers here (proxy.ts, which
 *   sets them on pages, skips the mounts to keep the busiest routes light). Next keeps a header
 *   set here unless a handler sets the same one; none of ours sets one to another value.
 * - A page's POST (a server action, a form) may carry at most 1 MB, Next's default for actions,
 *   except on the import page, whose upload may be as large as Next's raised limit
 *   (./body-limits.ts), and there only from a browser with a signed session cookie: Next reads
 *   an action's whole body before the action checks its caller, so without this anyone could
 *   make every page buffer tens of megabytes.
 * - Requests Next would fail on before any of our code runs (a method it does not know, such
 *   as TRACE or PROPFIND; a method the route does not export; a path whose percent-escapes do
 *   not decode) get a clear 4xx here: in the mount's error shape under /api/v1 and /compat
 *   (problem+json, or the vendor's), plain text elsewhere.
 */

// What pages and Auth.js's handlers answer; Next turns a server action into a POST.
const PAGE_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS'];
const NEXT_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function installFrontDoor(config: { trustProxy: boolean; appUrl: string }): void {
  const marker = Symbol.for('gatehouse.frontDoor');
  const prototype = Server.prototype as Server & { [marker]?: boolean };
  if (prototype[marker]) return;
  prototype[marker] = true;
  const emit = prototype.emit;
  prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    const pass = () => emit.apply(this, [event, ...args] as Parameters<typeof emit>);
    if (event === 'request') {
      const request = args[0] as IncomingMessage;
      const forwarded = config.trustProxy ? lastForwardedFor(request.headers['x-forwarded-for']) : undefined;
      request.headers[CLIENT_ADDRESS_HEADER] = forwarded || request.socket.remoteAddress || 'unknown';
      const response = args[1] as ServerResponse;
      const pathname = (request.url ?? '/').split('?')[0];
      const mount = mountOf(pathname);
      const securityHeaders = () => apiSecurityHeaders({ https: servedOverHttps(request.headers['x-forwarded-proto'], config), development: false });
      const arrival = { pathname, mount, securityHeaders };
      if (refusedAtTheDoor(request, response, arrival)) return true;
      const body = pageBodyCheck(request, arrival);
      if (body instanceof ApiError) {
        refuse(request, response, arrival, null, body);
        return true;
      }
      if (body === 'needs-session') {
        // Next sees the request once the cookie is checked; its body waits unread meanwhile.
        carriesSignedSession(request.headers.cookie).then(
          (signedIn) => (signedIn ? pass() : refuse(request, response, arrival, null, uploadNeedsSession())),
          () => refuse(request, response, arrival, null, uploadNeedsSession()),
        );
        return true;
      }
      if (mount) for (const [name, value] of Object.entries(securityHeaders())) response.setHeader(name, value);
    }
    return pass();
  } as typeof prototype.emit;
}

/** What the door knows of a request: its path, the API mount it is under, and the security headers its answer carries. */
type Arrival = { pathname: string; mount: ReturnType<typeof mountOf>; securityHeaders: () => Record<string, string> };

/** Answers the request itself when Next could not; true when it did. */
function refusedAtTheDoor(request: IncomingMessage, response: ServerResponse, arrival: Arrival): boolean {
  const method = request.method ?? 'GET';
  const { pathname, mount } = arrival;
  // Auth.js's handlers under /api/auth answer in problem+json too.
  const door = mount ? DOORS[mount] : pathname.startsWith('/api/') ? API_DOOR : null;
  try {
    decodeURIComponent(pathname);
  } catch {
    refuse(request, response, arrival, door, new ApiError('bad-request', 'The address has a malformed percent-escape.'));
    return true;
  }
  if (mount) {
    const allowed = allowedApiMethods(pathname);
    if (!allowed) {
      if (NEXT_METHODS.has(method)) return false; // the mount's catch-all route answers 404 in its shape
      refuse(request, response, arrival, door, new ApiError('not-found', 'There is no such API endpoint.'));
      return true;
    }
    if (allowed.includes(method)) return false;
    refuse(request, response, arrival, door, methodNotAllowed(method, allowed));
    return true;
  }
  if (NEXT_METHODS.has(method)) return false;
  refuse(request, response, arrival, door, methodNotAllowed(method, PAGE_METHODS));
  return true;
}

/**
 * The size rule for a page's POST: 'pass', an error to refuse it with, or 'needs-session' for
 * a large upload to the import page, which passes only with a signed session cookie. The API
 * mounts and Auth.js's handlers (/api/...) have limits of their own.
 */
function pageBodyCheck(request: IncomingMessage, { pathname, mount }: Arrival): 'pass' | 'needs-session' | ApiError {
  if (request.method !== 'POST' || mount || pathname.startsWith('/api/')) return 'pass';
  const declared = request.headers['content-length'];
  // Browsers always send a form's or an action's length; a body of unknown length could be any size.
  if (declared === undefined) return request.headers['transfer-encoding'] ? new ApiError('bad-request', 'A form or action post must state its length (Content-Length).') : 'pass';
  const length = Number(declared);
  if (length <= ACTION_BODY_LIMIT_BYTES) return 'pass';
  if (pathname === IMPORT_PAGE_PATH && length <= IMPORT_ACTION_BODY_LIMIT_BYTES) return 'needs-session';
  return new ApiError('payload-too-large', `A form or action post may carry at most ${pathname === IMPORT_PAGE_PATH ? IMPORT_ACTION_BODY_LIMIT_BYTES : ACTION_BODY_LIMIT_BYTES} bytes.`);
}

function uploadNeedsSession(): ApiError {
  return new ApiError('payload-too-large', `Only a signed-in browser may post more than ${ACTION_BODY_LIMIT_BYTES} bytes here.`);
}

function methodNotAllowed(method: string, allowed: string[]): ApiError {
  return new ApiError('method-not-allowed', `${method} is not allowed here. Use ${allowed.join(', ')}.`, { headers: { allow: allowed.join(', ') } });
}

function refuse(request: IncomingMessage, response: ServerResponse, arrival: Arrival, door: Door | null, error: ApiError): void {
  const parts = door
    ? door.errorParts(error, arrival.pathname)
    : { status: error.status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...error.options.headers }, body: `${error.title}: ${error.detail}\n` };
  // The request body is not read: close the connection rather than leave it to the next request.
  // The same browser headers as every other API answer.
  response.writeHead(parts.status, { ...arrival.securityHeaders(), ...parts.headers, connection: 'close' });
  response.end(request.method === 'HEAD' ? undefined : parts.body);
}

