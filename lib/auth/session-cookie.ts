import { decode } from 'next-auth/jwt';
import { getAuthSecret } from '@/lib/server/config';

/** Auth.js's session cookie: the __Secure- name when the site is served over https. */
const SESSION_COOKIE_NAMES = ['__Secure-authjs.session-token', 'authjs.session-token'];

/**
 * Whether a raw Cookie header carries a session cookie this server signed and that has not
 * expired. For the front door, before Next reads a request: it does not ask the database
 * whether the user or the browser session is still good (the page or action does that next).
 */
export async function carriesSignedSession(cookieHeader: string | undefined): Promise<boolean> {
  if (!cookieHeader) return false;
  const cookies = new Map(
    cookieHeader.split(';').map((pair) => {
      const separator = pair.indexOf('=');
      return [pair.slice(0, separator).trim(), pair.slice(separator + 1).trim()] as const;
    }),
  );
  for (const name of SESSION_COOKIE_NAMES) {
    const token = cookies.get(name);
    if (!token) continue;
    try {
      if (await decode({ token, secret: getAuthSecret(), salt: name })) return true;
    } catch {
      // Not a token of ours (forged, or sealed with another secret).
    }
  }
  return false;
}
