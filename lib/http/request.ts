import { randomUUID } from 'node:crypto';

/**
 * What a request says about its client: the address the front door (lib/http/front-door.ts)
 * stamped on it, and whether it came over HTTPS.
 */
export const CLIENT_ADDRESS_HEADER = 'x-gatehouse-client-address';

export function lastForwardedFor(value: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(value) ? value.join(',') : value;
  return joined?.split(',').pop()?.trim();
}

/** The client's address, as stamped at the door by installFrontDoor. */
export function clientAddress(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
}

/**
 * Whether the browser reached Gatehouse over HTTPS. `next start` speaks plain HTTP, so TLS ends
 * in front of it: APP_URL says so, or, with TRUST_PROXY=true, the proxy's X-Forwarded-Proto
 * does (without a trusted proxy that header is only the client's word).
 */
export function servedOverHttps(forwardedProto: string | string[] | null | undefined, config: { appUrl: string; trustProxy: boolean }): boolean {
  if (config.appUrl.startsWith('https:')) return true;
  return config.trustProxy && lastForwardedFor(forwardedProto ?? undefined)?.toLowerCase() === 'https';
}

/** The caller's X-Request-Id when it is a sane one (a proxy's), else a new one: the audit events one request records share it. */
export function requestIdOf(headers: Headers): string {
  const given = headers.get('x-request-id');
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}
const REQUEST_ID = /^[\w.:-]{1,128}$/;
