import { NextResponse, type NextRequest } from 'next/server';
import { REQUEST_PATH_HEADER } from '@/lib/auth/session-path';
import { getConfig } from '@/lib/server/config';
import { servedOverHttps } from '@/lib/http/request';
import { apiSecurityHeaders, inlineStyleHashesFor, newCspNonce, pageSecurityHeaders } from '@/lib/http/security-headers';

/**
 * Sets the security headers (lib/http/security-headers.ts) on every page and on Auth.js's
 * answers. Headers set here win over the same header from a route handler (Next keeps the
 * first value), so a handler cannot loosen them. The API mounts skip this layer (see `config`).
 */
export function proxy(request: NextRequest) {
  const options = { https: servedOverHttps(request.headers.get('x-forwarded-proto'), getConfig()), development: process.env.NODE_ENV === 'development' };
  // Auth.js's handlers answer JSON, never pages.
  if (request.nextUrl.pathname.startsWith('/api/')) return withHeaders(NextResponse.next(), apiSecurityHeaders(options));

  const securityHeaders = pageSecurityHeaders(newCspNonce(), options, inlineStyleHashesFor(request.nextUrl.pathname));
  const headers = new Headers(request.headers);
  // Tells server components which path was asked for, so sign-in can send the user back to it.
  headers.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  // Next reads the nonce from the request's policy and puts it on the scripts it renders.
  headers.set('content-security-policy', securityHeaders['content-security-policy']);
  return withHeaders(NextResponse.next({ request: { headers } }), securityHeaders);
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/**
 * Files under /_next are hashed build output with fixed content types. The API and the vendor
 * mounts (lib/api/route-methods.ts) get their headers from the front door
 * (lib/http/front-door.ts) instead: running this layer costs a request more time than the
 * busiest API routes themselves. Everything else passes here.
 */
export const config = { matcher: ['/((?!_next/|api/v1/|compat/appmixer/|compat/tyk/|compat/telm/|compat/solvexia/).*)'] };
