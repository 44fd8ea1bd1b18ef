import { createHmac } from 'node:crypto';
import NextAuth, { CredentialsSignin, type DefaultSession } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getAuthSecret } from '@/lib/server/config';
import type { NextRequest } from 'next/server';
import { clientAddress, requestIdOf } from '@/lib/http/request';
import { auditContext, withAuditContext } from '@/lib/audit/context';
import { endBrowserSession, SESSION_MAX_AGE_SECONDS, startBrowserSession } from './browser-sessions';
import { safeCallbackPath } from './callback-url';
import { verifyCredentials } from './credentials';

declare module 'next-auth' {
  interface User {
    sessionVersion?: number;
    sessionId?: string;
  }
  interface Session {
    user: { id: string } & DefaultSession['user'];
    sessionVersion: number;
    /** The server-side session record (lib/auth/browser-sessions.ts) this cookie stands for. */
    sessionId: string | null;
  }
}

/** Thrown from authorize so the sign-in form can tell "wait" apart from "wrong". */
export class ThrottledSignIn extends CredentialsSignin {
  code = 'throttled';
}
export class InactiveAccountSignIn extends CredentialsSignin {
  code = 'inactive';
}

const credentialsSchema = z.object({ identifier: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

type SessionRenewal = { sessionVersion: number; renewal: string };

function isSessionRenewal(value: unknown): value is SessionRenewal {
  const candidate = value as Partial<SessionRenewal> | null;
  return typeof candidate?.sessionVersion === 'number' && typeof candidate.renewal === 'string';
}

/** Signs "this session may move to sessionVersion N", so a password change can keep the session that made it. */
export function sessionRenewalProof(userId: string, sessionVersion: number): string {
  return createHmac('sha256', getAuthSecret()).update(`session-renewal:${userId}:${sessionVersion}`).digest('base64url');
}

// Configured lazily, on the first request: reading the secret must not happen during `next build`.
export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth(() => ({
  secret: getAuthSecret(),
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  logger: {
    // A wrong password is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === 'CredentialsSignin') return;
      console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { identifier: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await verifyCredentials(parsed.data.identifier, parsed.data.password, request.headers);
        if (result.outcome === 'throttled') throw new ThrottledSignIn();
        if (result.outcome === 'inactive') throw new InactiveAccountSignIn();
        if (result.outcome !== 'signed-in') return null;
        const { user } = result;
        const sessionId = await startBrowserSession(user.id, { address: clientAddress(request.headers), userAgent: request.headers.get('user-agent') });
        return { id: user.id, email: user.email, name: [user.firstName, user.lastName].filter(Boolean).join(' ') || user.username, sessionVersion: user.sessionVersion, sessionId };
      },
    }),
  ],
  callbacks: {
    // Auth.js's own endpoints take a callbackUrl too (query, form field, cookie): one rule for all.
    redirect({ url }) {
      return safeCallbackPath(url);
    },
    jwt({ token, user, trigger, session }) {
      if (user) {
        token.sub = user.id;
        token.sv = user.sessionVersion;
        token.sid = user.sessionId;
      }
      // Only the server can renew a session: a browser may ask for an update too, but cannot sign the proof.
      if (trigger === 'update' && token.sub && isSessionRenewal(session) && session.renewal === sessionRenewalProof(token.sub, session.sessionVersion)) {
        token.sv = session.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? '';
      session.sessionVersion = typeof token.sv === 'number' ? token.sv : -1;
      session.sessionId = typeof token.sid === 'string' ? token.sid : null;
      return session;
    },
  },
  events: {
    // Every way out (the sign-out button, Auth.js's own sign-out endpoint) ends the record, so a saved copy of the cookie stops working.
    async signOut(message) {
      const token = 'token' in message ? message.token : null;
      const sessionId = token?.sid;
      if (typeof sessionId !== 'string') return;
      // Whoever signs out is the session's own user, whichever door they left by.
      const actor = token?.sub ? { kind: 'user' as const, id: token.sub } : null;
      await withAuditContext({ ...auditContext(), actor }, () => endBrowserSession(sessionId));
    },
  },
}));

type AuthHandler = (request: NextRequest) => Promise<Response>;

/** Auth.js's own endpoints (its sign-in callback, its sign-out) record their events with the request's address, user agent and id, as every other door does. */
function withRequestAudit(handler: AuthHandler): AuthHandler {
  return (request) => withAuditContext({ actor: null, ip: clientAddress(request.headers), userAgent: request.headers.get('user-agent'), requestId: requestIdOf(request.headers) }, () => handler(request));
}

export const authRouteHandlers = { GET: withRequestAudit(handlers.GET), POST: withRequestAudit(handlers.POST) };
