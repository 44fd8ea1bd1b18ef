import { getConfig } from '@/lib/server/config';

const DEFAULT_PATH = '/';

/**
 * Where to send a user after sign-in, from a `callbackUrl` anyone can write into a link: a
 * path on this app, never another origin. The value is parsed as a browser parses it (the
 * WHATWG URL parser drops tabs and newlines, reads `\` as `/`, resolves `.` and `..`)
 * against APP_URL, and only that parsed result is returned, so the target checked is the
 * target followed.
 */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== 'string' || value === '') return DEFAULT_PATH;
  const app = new URL(getConfig().appUrl);
  let target: URL;
  try {
    target = new URL(value, app);
  } catch {
    return DEFAULT_PATH;
  }
  if (target.origin !== app.origin) return DEFAULT_PATH;
  // `/.//evil.example` is on the app once parsed, but its path `//evil.example`, sent back as a
  // Location, would be read as a host.
  if (target.pathname.startsWith('//')) return DEFAULT_PATH;
  return target.pathname + target.search + target.hash;
}
