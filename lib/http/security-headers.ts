import { randomBytes } from 'node:crypto';

/**
 * The browser security headers of every answer, in one place; proxy.ts sets them on each
 * request, because it is the one layer every page and every /api/ answer (our handlers,
 * Auth.js's, the unknown-path catch-all) passes through.
 */

export type HeaderOptions = {
  /** Served over HTTPS (lib/http/request.ts, servedOverHttps). */
  https: boolean;
  /** `next dev`: React's dev tooling evaluates code and injects styles. */
  development: boolean;
};

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** 128 random bits for one response's Content-Security-Policy. */
export function newCspNonce(): string {
  return randomBytes(16).toString('base64');
}

/** What pages and API answers alike carry. */
function commonHeaders({ https }: HeaderOptions): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    // frame-ancestors says the same to current browsers; this is for older ones.
    'x-frame-options': 'DENY',
    // Our addresses hold user ids, search patterns and one-time codes: other sites get none of them.
    'referrer-policy': 'same-origin',
    // Gatehouse uses none of these, so an injected script cannot ask for them either.
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
    // Only over HTTPS: browsers ignore it on plain HTTP anyway. No includeSubDomains or preload,
    // which would bind other hosts: that is the operator's call.
    ...(https ? { 'strict-transport-security': `max-age=${ONE_YEAR_SECONDS}` } : {}),
  };
}

/**
 * Inline <style> texts a page may add besides nonced ones, admitted by their exact content
 * (SHA-256), per path. The API reference's renderer (Scalar, components/docs/api-reference.tsx)
 * inserts two <style> elements at run time and cannot be given a nonce: its theme's colour
 * variables and its toasts' styles. A hash admits that one text on that one page and nothing
 * else. An upgrade of @scalar/api-reference-react (pinned) that changes them makes the browser
 * refuse them, naming the new hash, and e2e/api-reference.spec.ts fail.
 */
const INLINE_STYLE_HASHES: Record<string, readonly string[]> = {
  '/docs/api': ['sha256-T13Uev3xCax2N28XaoAE8DOzQZKvPp7ZQVAi1iRREjo=', 'sha256-l/2OpPg0d+2VLTLgwjf5mQo2CYwHDEqdj5TjbfEyVJI='],
};

export function inlineStyleHashesFor(pathname: string): readonly string[] {
  return INLINE_STYLE_HASHES[pathname] ?? [];
}

/** A page's policy: scripts run only with this response's nonce, which Next puts on its own script tags. */
export function pageContentSecurityPolicy(nonce: string, { https, development }: HeaderOptions, styleHashes: readonly string[] = []): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic' lets the nonced scripts load Next's chunks; 'self' is for browsers without CSP 3.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    // Stylesheets are our own files. Style attributes stay allowed: React renders some (the
    // deletion progress bar's width), and an attribute cannot load or run anything that
    // default-src does not already allow. In development Next injects <style> tags without the nonce.
    // Hashes only outside development: next to a hash, browsers ignore 'unsafe-inline'.
    `style-src 'self' ${development ? "'unsafe-inline'" : [`'nonce-${nonce}'`, ...styleHashes.map((hash) => `'${hash}'`)].join(' ')}`,
    "style-src-attr 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'none'",
    // Forms post only to us, and a post's redirect cannot carry it to another site.
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export function pageSecurityHeaders(nonce: string, options: HeaderOptions, styleHashes: readonly string[] = []): Record<string, string> {
  return { ...commonHeaders(options), 'content-security-policy': pageContentSecurityPolicy(nonce, options, styleHashes) };
}

export function apiSecurityHeaders(options: HeaderOptions): Record<string, string> {
  return {
    ...commonHeaders(options),
    // JSON is never a document: if opened as one, it may load, run and be framed by nothing.
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    // API answers carry personal data: no browser or shared cache may keep them.
    'cache-control': 'no-store',
  };
}
