import { eq, or } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { userScopes, users, type User, type UserStatus } from '@/db/schema';
import { newId } from './ids';
import { hashPassword } from './passwords';

/** The scope that makes a user a system administrator (Appmixer's `admin`). */
export const ADMIN_SCOPE = 'admin';

/** A user as the API and the pages show it: no password hash, ever. */
export type PublicUser = Omit<User, 'passwordHash' | 'emailNormalized' | 'usernameNormalized' | 'sessionVersion'> & {
  scope: string[];
};

export function toPublicUser(user: User, scope: string[]): PublicUser {
  const { passwordHash, emailNormalized, usernameNormalized, sessionVersion, ...visible } = user;
  return { ...visible, scope };
}

export function normalizeIdentifier(value: string): string {
  return value.trim().toLowerCase();
}

export function getUserById(id: string): User | undefined {
  return getDb().select().from(users).where(eq(users.id, id)).get();
}

/** Finds the account a person signs in as: by email or by username, both case-insensitive. */
export function findUserBySignInName(identifier: string): User | undefined {
  const normalized = normalizeIdentifier(identifier);
  return getDb()
    .select()
    .from(users)
    .where(or(eq(users.emailNormalized, normalized), eq(users.usernameNormalized, normalized)))
    .get();
}

export function getUserScopes(userId: string): string[] {
  return getDb()
    .select({ scope: userScopes.scope })
    .from(userScopes)
    .where(eq(userScopes.userId, userId))
    .all()
    .map((row) => row.scope)
    .sort();
}

export type NewUserInput = {
  email: string;
  username?: string;
  password?: string;
  firstName?: string | null;
  lastName?: string | null;
  role?: string;
  status?: UserStatus;
  scope?: string[];
};

/** Creates a user with their scopes in one transaction. Without a password the user is pending. */
export async function createUser(input: NewUserInput): Promise<User> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const email = input.email.trim();
  const username = (input.username ?? email).trim();
  const db = getDb();
  return db.transaction((tx) => {
    const user = tx
      .insert(users)
      .values({
        id: newId('usr'),
        email,
        emailNormalized: normalizeIdentifier(email),
        username,
        usernameNormalized: normalizeIdentifier(username),
        firstName: input.firstName ?? null,
        lastName: input.lastName ?? null,
        passwordHash,
        status: input.status ?? (passwordHash ? 'active' : 'pending'),
        role: input.role ?? 'Subscriber',
      })
      .returning()
      .get();
    const scopes = [...new Set(input.scope ?? ['user'])];
    if (scopes.length > 0) tx.insert(userScopes).values(scopes.map((scope) => ({ userId: user.id, scope }))).run();
    return user;
  });
}

export function recordSignIn(userId: string, at = new Date()): void {
  getDb().update(users).set({ lastSignInAt: at }).where(eq(users.id, userId)).run();
}

export function displayName(user: Pick<User, 'firstName' | 'lastName' | 'username'>): string {
  return [user.firstName, user.lastName].filter(Boolean).join(' ') || user.username;
}
