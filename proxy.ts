import { NextResponse, type NextRequest } from 'next/server';
import { mountOf } from '@/lib/api/route-methods';
import { REQUEST_PATH_HEADER } from '@/lib/auth/session-path';
import { getConfig } from '@/lib/server/config';
import { servedOverHttps } from '@/lib/http/request';
import { apiSecurityHeaders, newCspNonce, pageSecurityHeaders } from '@/lib/http/security-headers';

/**
 * Sets the security headers (lib/http/security-headers.ts) on every page and API answer. Headers set
 * here win over the same header from a route handler (Next keeps the first value), so a
 * handler cannot loosen them; an API route meant to be cached would need an exception here.
 */
export function proxy(request: NextRequest) {
  const options = { https: servedOverHttps(request.headers, getConfig()), development: process.env.NODE_ENV === 'development' };
  // The API and the vendor dialects answer JSON, never pages.
  if (mountOf(request.nextUrl.pathname) || request.nextUrl.pathname.startsWith('/api/')) return withHeaders(NextResponse.next(), apiSecurityHeaders(options));

  const securityHeaders = pageSecurityHeaders(newCspNonce(), options);
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

// Files under /_next are hashed build output with fixed content types; everything else, API included, passes here.
export const config = { matcher: ['/((?!_next/).*)'] };
