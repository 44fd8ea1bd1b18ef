import { and, eq, sql } from 'drizzle-orm';
import { after } from 'next/server';
import { transaction } from '@/db/client';
import { users, type User } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { isTenantAdmin } from '@/lib/access/matrix';
import { recordAuditEvent } from '@/lib/audit/events';
import type { Principal } from './principal';
import { sendInvitation } from '@/lib/passwords/invitations';
import { kickMailWorker, queueMail } from '@/lib/mail/outbox';
import { lifetimeText, signUpConfirmationMail, signUpRefusedMail, type Mail } from '@/lib/mail/templates';
import { codeLifetimeMs, consumeCode, findCodeOwner, issueCode } from './one-time-codes';
import { INVALID_CODE_MESSAGE, takeCodeAttempt } from '@/lib/passwords/reset';
import { assertPasswordPolicy, hashPassword } from '@/lib/passwords/hashing';
import { checkUserPassword } from '@/lib/passwords/user-password';
import { ADMIN_ONLY_CREATE_FIELDS, type UserCreateInput } from '@/lib/users/schemas';
import { getSetting } from '@/lib/settings/settings';
import { mayManageTenant } from '@/lib/access/tenant-scope';
import { findTenant } from '@/lib/tenants/tenants';
import { rateLimit } from './throttle';
import { issueApiToken, type IssuedToken } from './tokens';
import { createUser, displayName, findUserByEmail, findUserBySignInName, getUserById, personalInputs } from '@/lib/users/users';

/**
 * What POST /api/v1/users did: created a user (an admin's or a provisioner's call; a
 * provisioner also gets a token for the new account), or took a sign-up request whose outcome
 * goes by mail.
 */
export type CreateOutcome = { kind: 'created'; user: User; token?: IssuedToken } | { kind: 'sign-up-requested' };

type Origin = { address: string; userAgent: string | null };

/**
 * POST /api/v1/users. Open to anyone unless the userCreateScope setting names scopes the
 * caller must hold (an admin always may). An admin creates any user (and hears 409 for a
 * taken email). Where the setting closes sign-up, a caller holding one of its scopes is a
 * trusted provisioner and creates the account at once, as Appmixer does. Where sign-up is
 * open, anyone else signs up and hears the same answer whether or not the email or username
 * is taken: what happened is mailed to the address (see requestSignUp).
 */
export async function createUserFromApi(input: UserCreateInput, caller: Principal | null, origin: Origin): Promise<CreateOutcome> {
  const requiredScopes = await getSetting('userCreateScope');
  if (!caller?.isAdmin && requiredScopes.length > 0) {
    if (!caller) throw new ApiError('unauthorized', 'Creating users needs a bearer token.', { headers: { 'www-authenticate': 'Bearer' } });
    if (!requiredScopes.some((scope) => caller.scopes.includes(scope))) {
      throw new ApiError('forbidden', `Creating users needs one of these scopes: ${requiredScopes.join(', ')}.`);
    }
  }
  const actor = caller && { id: caller.user.id, ip: origin.address, userAgent: origin.userAgent };
  if (caller?.isAdmin) return { kind: 'created', user: await createUserByAdmin(input, actor!) };
  if (caller && isTenantAdmin(caller) && input.tenant !== undefined) return { kind: 'created', user: await createUserAsManager(caller, input, actor!) };
  if (requiredScopes.length > 0) {
    const password = refuseSelfServiceFields(input);
    const user = await createUser({ ...input, password });
    return { kind: 'created', user, token: await issueApiToken(user) };
  }
  await requestSignUp(input, origin);
  return { kind: 'sign-up-requested' };
}

const FIFTEEN_MINUTES = 15 * 60_000;
// Per client address, like forgot-password: enough for a person, too few to probe addresses.
const signUpsPerAddress = rateLimit('sign-up:address', 10, FIFTEEN_MINUTES);

export function signUpAnswer(): string {
  return `Almost done: a mail to the address you gave tells you how to finish signing up. A confirmation link works once, for ${lifetimeText(codeLifetimeMs('sign-up'))}.`;
}

/**
 * Self sign-up. Everything that does not depend on who already has an account (the fields
 * anyone may set, the password policy, the rate limit) is checked before answering; the rest
 * happens after the answer is sent, so neither the answer nor its timing tells whether the
 * email is taken. The new account stays pending until the owner of the mailbox confirms it
 * with the password chosen here: whoever signs up with someone else's address can neither
 * confirm it nor lock the owner out.
 */
export async function requestSignUp(input: UserCreateInput, origin: Origin): Promise<void> {
  const retryAfter = await signUpsPerAddress.take(origin.address);
  if (retryAfter > 0) {
    throw new ApiError('too-many-requests', `Too many sign-ups from your address. Try again in ${Math.ceil(retryAfter / 60)} minutes.`, { headers: { 'retry-after': String(retryAfter) } });
  }
  const password = refuseSelfServiceFields(input);
  const { password: _password, sendInvite: _sendInvite, tenant: _tenant, ...fields } = input;
  const email = fields.email.trim();
  await assertPasswordPolicy(password, personalInputs({ email, username: (fields.username ?? email).trim(), firstName: fields.firstName ?? null, lastName: fields.lastName ?? null }));
  const passwordHash = await hashPassword(password);
  after(async () => {
    try {
      await completeSignUp({ ...fields, email }, passwordHash, origin);
    } catch (error) {
      console.error('[gatehouse] Sign-up failed', error);
    }
  });
}

/** What a caller who is not an admin may not send when creating an account; returns the password they must send. */
function refuseSelfServiceFields(input: UserCreateInput): string {
  refuseAdminOnlyFields(input);
  if (input.tenant !== undefined) {
    throw new ApiError('forbidden', 'Only an admin or a tenant admin can add users to a tenant.', { errors: [{ path: 'tenant', message: 'Only an admin or a tenant admin can set this field.' }] });
  }
  if (input.sendInvite !== undefined) {
    throw new ApiError('forbidden', 'Only an admin can invite users.', { errors: [{ path: 'sendInvite', message: 'Only an admin can invite users.' }] });
  }
  if (input.password === undefined) {
    throw new ApiError('validation-failed', 'Choose a password to sign up.', { errors: [{ path: 'password', message: 'Choose a password.' }] });
  }
  return input.password;
}

type SignUpFields = Omit<UserCreateInput, 'password' | 'sendInvite' | 'tenant'>;

async function completeSignUp(fields: SignUpFields, passwordHash: string, origin: Origin): Promise<void> {
  const recipient = { email: fields.email, name: fields.firstName || fields.email };
  const existing = await findUserByEmail(fields.email);
  // A sign-up nobody confirmed yet takes the newest password; any other account stays as it is.
  if (existing && !(existing.status === 'pending' && existing.passwordHash !== null)) {
    return mailRefusal(signUpRefusedMail({ email: existing.email, name: displayName(existing) }, 'account-exists'));
  }
  if (!existing && fields.username !== undefined && (await findUserBySignInName(fields.username))) return mailRefusal(signUpRefusedMail(recipient, 'username-taken', fields.username));
  let user = existing;
  if (!user) {
    try {
      user = await createUser({ ...fields, passwordHash, status: 'pending' });
    } catch (error) {
      // Someone took the email or username between the check and the insert.
      if (error instanceof ApiError && error.code === 'conflict') return mailRefusal(signUpRefusedMail(recipient, 'account-exists'));
      throw error;
    }
  }
  const pendingUser = user;
  await transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, pendingUser.id));
    const { code } = await issueCode(pendingUser.id, 'sign-up');
    await queueMail(signUpConfirmationMail({ email: pendingUser.email, name: displayName(pendingUser) }, code, codeLifetimeMs('sign-up')));
    await recordAuditEvent({ actor: pendingUser.id, action: 'user.signed-up', target: pendingUser.id, ip: origin.address, userAgent: origin.userAgent });
  });
  kickMailWorker();
}

async function mailRefusal(mail: Mail): Promise<void> {
  await queueMail(mail);
  kickMailWorker();
}

/**
 * POST /api/v1/sign-up/confirm and the confirmation page: the owner of the mailbox proves it
 * with the code and the password they chose, and the account becomes active.
 */
export async function confirmSignUp(code: string, password: string, origin: Origin): Promise<User> {
  await takeCodeAttempt(origin.address);
  const userId = await findCodeOwner(code, 'sign-up');
  const user = userId ? await getUserById(userId) : undefined;
  if (!user || user.status !== 'pending') throw new ApiError('invalid-code', INVALID_CODE_MESSAGE);
  if (!(await checkUserPassword(user, password))) {
    throw new ApiError('validation-failed', 'This is not the password you chose when you signed up.', { errors: [{ path: 'password', message: 'Enter the password you chose when you signed up.' }] });
  }
  return transaction(async (tx) => {
    if ((await consumeCode(code, 'sign-up')) !== user.id) throw new ApiError('invalid-code', INVALID_CODE_MESSAGE);
    const [confirmed] = await tx
      .update(users)
      .set({ status: 'active', version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(and(eq(users.id, user.id), eq(users.status, 'pending')))
      .returning();
    if (!confirmed) throw new ApiError('invalid-code', INVALID_CODE_MESSAGE);
    await recordAuditEvent({ actor: user.id, action: 'user.sign-up.confirmed', target: user.id, before: { status: user.status }, after: { status: confirmed.status }, ip: origin.address, userAgent: origin.userAgent });
    return confirmed;
  });
}

function refuseAdminOnlyFields(input: UserCreateInput): void {
  const refused = ADMIN_ONLY_CREATE_FIELDS.filter((field) => input[field] !== undefined);
  if (refused.length) {
    throw new ApiError('forbidden', `Only an admin can set ${refused.join(', ')}.`, {
      errors: refused.map((path) => ({ path, message: 'Only an admin can set this field.' })),
    });
  }
}

type Actor = { id: string; ip?: string | null; userAgent?: string | null };

/**
 * A system admin or a tenant admin creates a user (the "New user" form; POST /users from a
 * tenant admin). A tenant admin creates users inside one of their tenants, as an admin would,
 * and leaves role, scope, vendor and plan to their defaults: only a system admin sets those.
 */
export async function createUserAsManager(caller: Principal, input: UserCreateInput, actor: Actor): Promise<User> {
  if (caller.isAdmin) return await createUserByAdmin(input, actor);
  refuseAdminOnlyFields(input);
  if (input.tenant === undefined) {
    throw new ApiError('validation-failed', 'Choose the tenant the new user joins.', { errors: [{ path: 'tenant', message: 'Choose one of your tenants.' }] });
  }
  const tenant = await findTenant(input.tenant);
  // Another tenant answers like an unknown one (404), named on the field so a form can show it there.
  if (!tenant || !mayManageTenant(caller, tenant.id)) {
    throw new ApiError('not-found', `There is no tenant ${input.tenant}.`, { errors: [{ path: 'tenant', message: 'Choose one of your tenants.' }] });
  }
  return await createUserByAdmin(input, actor);
}

/**
 * An admin creates a user (API or the "New user" form). Without a password the user is
 * pending and, unless `sendInvite` is false, mailed an invitation to choose one.
 */
export async function createUserByAdmin(input: UserCreateInput, actor: Actor): Promise<User> {
  const { sendInvite = true, tenant, ...fields } = input;
  const tenantId = tenant === undefined ? undefined : (await findTenant(tenant))?.id;
  if (tenant !== undefined && !tenantId) throw new ApiError('validation-failed', `There is no tenant ${tenant}.`, { errors: [{ path: 'tenant', message: 'There is no such tenant.' }] });
  const user = await createUser({ ...fields, tenantId });
  if (user.status === 'pending' && sendInvite) await sendInvitation(user.id, actor);
  return user;
}
