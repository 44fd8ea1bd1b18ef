/** @type {import('next').NextConfig} */
const nextConfig = {
  // A second build folder lets two checkouts' worth of work build side by side (NEXT_DIST_DIR=.next-b).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  // The import page uploads whole files through a server action (lib/http/body-limits.ts:
  // IMPORT_ACTION_BODY_LIMIT_BYTES, 32 MB and 64 KB, equal by a unit test). Next applies this one
  // limit to every action; the front door (lib/http/front-door.ts) keeps every other page at 1 MB.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: 32 * 1024 * 1024 + 64 * 1024 } },
  poweredByHeader: false,
};

export default nextConfig;
