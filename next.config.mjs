/**
 * The import page's upload (lib/http/body-limits.ts: IMPORT_ACTION_BODY_LIMIT_BYTES, 32 MB and
 * 64 KB, equal by a unit test).
 */
const IMPORT_ACTION_BODY_LIMIT_BYTES = 32 * 1024 * 1024 + 64 * 1024;

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A second build folder lets two checkouts' worth of work build side by side (NEXT_DIST_DIR=.next-b).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  // The import page uploads whole files through a server action. Next applies one limit to
  // every action, and hands the proxy (our front door, proxy.ts) a copy of at most
  // proxyClientMaxBodySize of any page's body: at its default of 10 MB, a 100,000-row file
  // reached the action cut short ("Unexpected end of form"). The front door keeps every other
  // page at 1 MB (lib/http/front-door.ts).
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: IMPORT_ACTION_BODY_LIMIT_BYTES },
    proxyClientMaxBodySize: IMPORT_ACTION_BODY_LIMIT_BYTES,
  },
  poweredByHeader: false,
};

export default nextConfig;
