import { Server, type IncomingMessage } from 'node:http';

/**
 * Route handlers never see the TCP peer, and `next start` keeps a client's own
 * X-Forwarded-For untouched, so that header cannot be trusted for throttling. At start-up we
 * stamp every incoming request with the peer address in a header of our own, after removing
 * any copy a client sent. With TRUST_PROXY=true (Gatehouse behind a reverse proxy), the last
 * X-Forwarded-For entry, the one the proxy added, is used instead.
 */
export const CLIENT_ADDRESS_HEADER = 'x-gatehouse-client-address';

export function installClientAddressHeader(trustProxy: boolean): void {
  const marker = Symbol.for('gatehouse.clientAddressHeader');
  const prototype = Server.prototype as Server & { [marker]?: boolean };
  if (prototype[marker]) return;
  prototype[marker] = true;
  const emit = prototype.emit;
  prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const request = args[0] as IncomingMessage;
      const forwarded = trustProxy ? lastForwardedFor(request.headers['x-forwarded-for']) : undefined;
      request.headers[CLIENT_ADDRESS_HEADER] = forwarded || request.socket.remoteAddress || 'unknown';
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof prototype.emit;
}

function lastForwardedFor(value: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(value) ? value.join(',') : value;
  return joined?.split(',').pop()?.trim();
}

/** The client's address, as stamped at the door by installClientAddressHeader. */
export function clientAddress(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
}

/**
 * Whether the browser reached Gatehouse over HTTPS. `next start` speaks plain HTTP, so TLS ends
 * in front of it: APP_URL says so, or, with TRUST_PROXY=true, the proxy's X-Forwarded-Proto
 * does (without a trusted proxy that header is only the client's word).
 */
export function servedOverHttps(headers: Headers, config: { appUrl: string; trustProxy: boolean }): boolean {
  if (config.appUrl.startsWith('https:')) return true;
  return config.trustProxy && lastForwardedFor(headers.get('x-forwarded-proto') ?? undefined)?.toLowerCase() === 'https';
}
