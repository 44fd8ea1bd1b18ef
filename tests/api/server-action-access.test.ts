import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS, type Operation } from '@/lib/access/matrix';
import { DEFAULT_INACTIVITY_POLICY } from '@/lib/inactivity/policy';
import { DEFAULT_PASSWORD_POLICY } from '@/lib/passwords/rules';
import { api, baseUrl, signInForToken } from '../support/api';
import { endHeldImport, holdImport } from '../support/held-import';
import { TEST_ADMIN } from '../support/server';
import { appDatabase } from '../support/test-database';
import { actionResult, browserSession, callServerAction, FormFields, serverActionsInBuild, type ActionOutcome, type ServerAction } from '../support/server-actions';

/**
 * Every server action in the build, called over HTTP as a browser would, by each kind of
 * caller, answers as the access matrix (lib/access/matrix.ts) says: anonymous callers are sent to
 * sign-in, callers below the operation's reach get 403, and a caller who may attempt the
 * operation but does not reach tenant A (another tenant's admin) gets Next's 404 or the
 * action's own refusal. A refused call carries none of tenant A's data and changes nothing:
 * what the action would change is read back through the API before and after. An action
 * missing from the table fails the test.
 */

const CALLERS = ['anonymous', 'plain user', 'admin of another tenant', 'admin of the tenant', 'system admin'] as const;
type Caller = (typeof CALLERS)[number];
const PASSWORD = 'server action password 1';
const tag = `sa${Date.now().toString(36)}`;

type Fixture = {
  cookies: Record<Exclude<Caller, 'anonymous'>, string>;
  tenantA: { id: string };
  member: { id: string; email: string };
  plain: { id: string; email: string };
  resource: { id: string };
};
let fx: Fixture;
let adminToken = '';
let serial = 0;
/** Every id, email and name of tenant A's objects: none may reach a refused caller unless they sent it. */
const tenantAData = new Set<string>();
/** Tenant A's users' emails by id, to find a member in the tenant's member list. */
const emails = new Map<string, string>();

function ofTenantA<T extends string>(value: T): T {
  tenantAData.add(value);
  return value;
}

async function asAdmin(method: string, path: string, json?: unknown) {
  const response = await api(path, { method, token: adminToken, json });
  if (response.status >= 400) throw new Error(`${method} ${path} failed in setup: ${response.status} ${response.text}`);
  return response.body;
}

async function newUserOf(tenantId: string, email: string, options: { pending?: boolean } = {}): Promise<string> {
  const json = { email, tenant: tenantId, ...(options.pending ? { sendInvite: false } : { password: PASSWORD }) };
  return ((await asAdmin('POST', '/api/v1/users', json)) as { user: { id: string } }).user.id;
}

async function newMemberOfA(options: { pending?: boolean } = {}): Promise<string> {
  serial += 1;
  const email = ofTenantA(`${tag}-${serial}@example.com`);
  const id = ofTenantA(await newUserOf(fx.tenantA.id, email, options));
  emails.set(id, email);
  return id;
}

async function newResourceOfA(): Promise<string> {
  serial += 1;
  const json = { name: ofTenantA(`${tag} resource ${serial}`), kind: 'report', tenantId: fx.tenantA.id };
  return ofTenantA(((await asAdmin('POST', '/api/v1/resources', json)) as { id: string }).id);
}

/** A disabled webhook endpoint to a public address nothing listens on (webhooks are a system admin's). */
async function newWebhook(): Promise<string> {
  return ((await asAdmin('POST', '/api/v1/webhooks', { url: `https://93.184.215.14/hooks/${tag}`, events: ['user.created'], enabled: false })) as { id: string }).id;
}

/**
 * What a refused call must leave as it was, read as the system admin: an API path, or a path
 * and the part of its answer that only the action could change (the mail log's other rows
 * change status as they are sent; a deletion moves on by itself, but is not cancelled).
 */
type Read = string | { path: string; pick: (body: any) => unknown };
const userRead = (id: string): Read => `/api/v1/users/${id}`;
const mailTo = (email: string): Read => ({ path: '/api/v1/mail?limit=100', pick: (body: { items: { id: number; to: string }[] }) => body.items.filter((mail) => mail.to === email).map((mail) => mail.id) });
/** A tenant as its actions change it: member counts are left out, as other cases' deletions of members finish in the background. */
const tenantRead = (idOrSlug: string): Read => ({ path: `/api/v1/tenants/${idOrSlug}`, pick: ({ id, slug, name }: { id: string; slug: string; name: string }) => ({ id, slug, name }) });
const membership = (userId: string): Read => `/api/v1/tenants/${fx.tenantA.id}/users?pattern=${encodeURIComponent(emails.get(userId)!)}`;

async function readBack(reads: Read[]): Promise<unknown[]> {
  return Promise.all(
    reads.map(async (read) => {
      const { path, pick } = typeof read === 'string' ? { path: read, pick: (body: unknown) => body } : read;
      const response = await api(path, { token: adminToken });
      return { path, status: response.status, value: response.status === 200 ? pick(response.body) : response.body };
    }),
  );
}

/**
 * `guard`: the operation the action checks (its reach decides who may call it), 'signed-in'
 * for actions any signed-in user may call, or 'public'. `args` builds arguments naming tenant
 * A's objects, fresh ones where the action would use them up. `changes`: what the action would
 * change, read back around each refused call. `outOfReach`: how the action refuses a caller
 * who may attempt the operation but does not reach tenant A: Next's 404, or the value it
 * returns for the arguments it was given.
 */
type Args = any[];
type Case = {
  guard: Operation | 'signed-in' | 'public';
  args: (caller: Caller) => Args | Promise<Args>;
  changes?: (args: Args) => Read[];
  outOfReach?: 404 | ((args: Args) => unknown);
  /** Puts back what an allowed call changed that later calls rely on. */
  restore?: () => Promise<void>;
};

const good = 'a fine new pass phrase 7';
const CASES: Record<string, Case> = {
  'lib/actions/sign-in.ts#signInAction': { guard: 'public', args: () => [{}, new FormFields({ identifier: `${tag}-nobody@example.com`, password: 'wrong password' })] },
  'lib/actions/forgot-password.ts#requestPasswordResetAction': { guard: 'public', args: () => [{ email: `${tag}-nobody@example.com` }] },
  'lib/actions/reset-password.ts#resetPasswordAction': { guard: 'public', args: () => [{ code: 'made-up', password: good, confirm: good }] },
  'lib/actions/accept-invitation.ts#acceptInvitationAction': { guard: 'public', args: () => [{ code: 'made-up', password: good, confirm: good }] },
  'lib/actions/confirm-sign-up.ts#confirmSignUpAction': { guard: 'public', args: () => [{ code: 'made-up', password: good }] },
  'lib/actions/sign-out.ts#signOutAction': { guard: 'public', args: () => [] },
  'lib/actions/account.ts#changeOwnPasswordAction': { guard: 'signed-in', args: () => [{ oldPassword: 'not it', newPassword: good, confirm: good }] },
  'lib/actions/account.ts#revealOwnAccessKeyAction': { guard: 'signed-in', args: () => [] },
  'lib/actions/account.ts#rotateOwnAccessKeyAction': { guard: 'signed-in', args: () => [] },
  'lib/actions/sessions.ts#endOwnSessionAction': { guard: 'signed-in', args: async (caller) => [caller === 'anonymous' ? 'tok_unknown' : await newTokenId(...signInOf(caller))] },
  'lib/actions/sessions.ts#endOtherOwnSessionsAction': {
    guard: 'signed-in',
    args: () => [],
    // The system admin caller is the suite's admin: their other sessions include the token this file reads with.
    restore: async () => {
      adminToken = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
    },
  },
  'lib/actions/sessions.ts#endUserSessionAction': {
    guard: 'users.sessions',
    args: async () => {
      const id = await newMemberOfA();
      return [id, await newTokenId(emails.get(id)!, PASSWORD)];
    },
    changes: ([id]) => [`/api/v1/users/${id}/sessions`],
    // Refused in place, naming only the id sent: a session ended meanwhile is refused the same way.
    outOfReach: ([id]) => ({ ok: false, message: `There is no user ${id}.`, fieldErrors: [] }),
  },
  'lib/actions/sessions.ts#endAllUserSessionsAction': {
    guard: 'users.sessions',
    args: async () => {
      const id = await newMemberOfA();
      await signInForToken(emails.get(id)!, PASSWORD);
      return [id];
    },
    changes: ([id]) => [`/api/v1/users/${id}/sessions`],
    outOfReach: ([id]) => ({ ok: false, message: `There is no user ${id}.`, fieldErrors: [] }),
  },
  'lib/actions/create-user.ts#createUserAction': {
    guard: 'users.create',
    args: () => {
      serial += 1;
      return [{ email: ofTenantA(`${tag}-new-${serial}@example.com`), password: PASSWORD, tenant: fx.tenantA.id }];
    },
    changes: ([input]) => [`/api/v1/users?pattern=${encodeURIComponent(input.email)}`],
    // Another tenant, named on the field, answers like an unknown one.
    outOfReach: () => ({ ok: false, message: 'Check the highlighted fields.', fieldErrors: [{ path: 'tenant', message: 'Choose one of your tenants.' }] }),
  },
  'lib/actions/update-user.ts#updateUserAction': { guard: 'users.update', args: () => [fx.member.id, 1, { department: 'Finance' }], changes: ([id]) => [userRead(id)], outOfReach: 404 },
  'lib/actions/user-status.ts#changeUsersStatusAction': {
    guard: 'users.update',
    args: async () => [[await newMemberOfA()], 'suspended'],
    changes: ([[id]]) => [userRead(id)],
    // A user out of reach is refused by the id sent, not named.
    outOfReach: ([[id]]) => ({ ok: true, changed: 0, failed: [{ id, name: id, message: `There is no user ${id}.` }] }),
  },
  'lib/actions/bulk-actions.ts#startBulkActionAction': {
    guard: 'users.bulk',
    args: async () => [{ action: 'suspend', ids: [await newMemberOfA()] }],
    // The job refuses the member when it runs, whoever reads first; the answer names only the job.
    changes: ([{ ids }]) => [userRead(ids[0])],
    outOfReach: () => ({ ok: true, id: expect.stringMatching(/^blk_/), status: 'queued', stepsDone: 0, stepsTotal: 1 }),
  },
  'lib/actions/bulk-actions.ts#readBulkActionAction': {
    guard: 'users.bulk',
    args: async () => [await bulkJobOfTenantAdmin()],
    changes: ([id]) => [{ path: `/api/v1/users/bulk/${id}`, pick: (job: { requestedBy: string }) => job.requestedBy }],
    outOfReach: () => ({ ok: false, message: 'There is no such job.', fieldErrors: [] }),
  },
  'lib/actions/bulk-actions.ts#cancelBulkActionAction': {
    guard: 'users.bulk',
    args: async () => [await bulkJobOfTenantAdmin()],
    changes: ([id]) => [{ path: `/api/v1/users/bulk/${id}`, pick: (job: { cancelRequested: boolean }) => job.cancelRequested }],
    outOfReach: () => ({ ok: false, message: 'There is no such job.', fieldErrors: [] }),
  },
  'lib/actions/user-passwords.ts#resendInvitationAction': {
    guard: 'users.invite',
    args: async () => [await newMemberOfA({ pending: true })],
    changes: ([id]) => [userRead(id), mailTo(emails.get(id)!)],
    outOfReach: 404,
  },
  'lib/actions/access-keys.ts#revealAccessKeyAction': {
    guard: 'users.access-key',
    args: () => [fx.member.id],
    // Revealing changes nothing the owner would notice; a refused one must not replace the key either.
    changes: ([id]) => [{ path: `/api/v1/users/${id}/access-key`, pick: (key: { accessKey: string }) => key.accessKey }],
    outOfReach: 404,
  },
  'lib/actions/access-keys.ts#rotateAccessKeyAction': {
    guard: 'users.access-key',
    args: () => [fx.member.id],
    changes: ([id]) => [{ path: `/api/v1/users/${id}/access-key`, pick: (key: { accessKey: string }) => key.accessKey }],
    outOfReach: 404,
  },
  'lib/actions/user-passwords.ts#sendResetLinkAction': { guard: 'users.set-password', args: () => [fx.member.id], changes: ([id]) => [userRead(id), mailTo(fx.member.email)] },
  'lib/actions/user-passwords.ts#setPasswordAction': { guard: 'users.set-password', args: async () => [await newMemberOfA(), { password: good }], changes: ([id]) => [userRead(id)] },
  'lib/actions/deletions.ts#startUserDeletionAction': { guard: 'users.delete', args: async () => [await newMemberOfA()], changes: ([id]) => [userRead(id)] },
  'lib/actions/deletions.ts#startUsersDeletionAction': { guard: 'users.delete', args: async () => [[await newMemberOfA()]], changes: ([[id]]) => [userRead(id)] },
  'lib/actions/deletions.ts#cancelDeletionAction': {
    guard: 'users.delete',
    args: async () => {
      const id = await newMemberOfA();
      return [id, ((await asAdmin('DELETE', `/api/v1/users/${id}`)) as { ticket: string }).ticket];
    },
    changes: ([id, ticket]) => [{ path: `/api/v1/users/${id}/delete-status/${ticket}`, pick: (status: { status: string; requestedBy: string }) => ({ cancelled: status.status === 'cancelled', requestedBy: status.requestedBy }) }],
  },
  'lib/actions/imports.ts#dryRunImportAction': {
    guard: 'users.import',
    args: () => [importFile(newImportEmail()), { mode: 'create', invite: false }],
    // A dry run writes nothing even when allowed; a refused one must not create the row's user either.
    changes: () => [`/api/v1/users?pattern=${encodeURIComponent(lastImportEmail)}`],
  },
  'lib/actions/imports.ts#startImportAction': {
    guard: 'users.import',
    args: () => [importFile(newImportEmail()), { mode: 'create', invite: false }],
    // A refused start queues no job (the worker would create the user later, so the job list is what to read).
    changes: () => [{ path: '/api/v1/imports', pick: (body: { items: { id: string }[] }) => body.items.map((job) => job.id) }],
  },
  'lib/actions/imports.ts#importStatusAction': {
    guard: 'users.import',
    args: async () => [await heldImport()],
    changes: ([id]) => [heldImportRead(id)],
  },
  'lib/actions/imports.ts#cancelImportAction': {
    guard: 'users.import',
    args: async () => [await heldImport()],
    changes: ([id]) => [heldImportRead(id)],
  },
  'lib/actions/settings.ts#updatePasswordPolicyAction': {
    guard: 'settings.manage',
    // A refused caller asks for a policy other than the one in force, so a save would show; the allowed ones keep the default.
    args: (caller) => [caller === 'system admin' ? DEFAULT_PASSWORD_POLICY : { minLength: DEFAULT_PASSWORD_POLICY.minLength + 8, requiredClasses: ['digit'] }],
    changes: () => ['/api/v1/settings/password-policy'],
  },
  'lib/actions/settings.ts#updateAuditRetentionAction': {
    guard: 'settings.manage',
    // A refused caller asks for another retention, so a save would show; the allowed one keeps the default.
    args: (caller) => [{ days: caller === 'system admin' ? 400 : 30 }],
    changes: () => ['/api/v1/settings/audit-retention'],
  },
  'lib/actions/settings.ts#updateInactivityPolicyAction': {
    guard: 'settings.manage',
    // A refused caller asks to turn the policy on, so a save would show; the allowed one keeps it off (the default).
    args: (caller) => [{ ...DEFAULT_INACTIVITY_POLICY, enabled: caller !== 'system admin' }],
    changes: () => ['/api/v1/settings/inactivity'],
  },
  'lib/actions/settings.ts#previewInactivityPolicyAction': {
    guard: 'settings.manage',
    args: () => [{ ...DEFAULT_INACTIVITY_POLICY, enabled: true }],
    // It only counts: the saved policy stays as it was.
    changes: () => ['/api/v1/settings/inactivity'],
  },
  'lib/actions/tenants.ts#createTenantAction': {
    guard: 'tenants.manage',
    args: () => {
      serial += 1;
      return [{ slug: `${tag}-t${serial}`, name: 'Made by the action test' }];
    },
    changes: ([input]) => [tenantRead(input.slug)],
  },
  'lib/actions/tenants.ts#renameTenantAction': {
    guard: 'tenants.manage',
    args: () => {
      serial += 1;
      return [fx.tenantA.id, { name: ofTenantA(`${tag} Tenant A ${serial}`) }];
    },
    changes: ([id]) => [tenantRead(id)],
  },
  'lib/actions/tenants.ts#deleteTenantAction': {
    guard: 'tenants.manage',
    args: async () => {
      serial += 1;
      return [((await asAdmin('POST', '/api/v1/tenants', { slug: `${tag}-d${serial}`, name: 'To delete' })) as { id: string }).id, true];
    },
    changes: ([id]) => [tenantRead(id)],
  },
  'lib/actions/tenants.ts#assignMemberAction': {
    guard: 'tenant-members.manage',
    // A role the member does not hold yet, so an assignment would show.
    args: async () => [fx.tenantA.id, await newMemberOfA(), 'admin'],
    changes: ([, userId]) => [membership(userId)],
    outOfReach: ([tenantId]) => ({ ok: false, message: `There is no tenant ${tenantId}.`, fieldErrors: [] }),
  },
  'lib/actions/tenants.ts#removeMemberAction': {
    guard: 'tenant-members.manage',
    args: async () => [fx.tenantA.id, await newMemberOfA()],
    changes: ([, userId]) => [membership(userId)],
    outOfReach: ([tenantId]) => ({ ok: false, message: `There is no tenant ${tenantId}.`, fieldErrors: [] }),
  },
  'lib/actions/count-users.ts#countUsersAction': {
    guard: 'users.list',
    args: () => [{ filter: [`tenant:${fx.tenantA.id}`] }],
    // It only reads: a member of the tenant stays as they were.
    changes: () => [userRead(fx.member.id)],
    // A tenant out of reach is as unknown as one that does not exist.
    outOfReach: () => ({ ok: false, message: 'Check the highlighted fields.', fieldErrors: [{ path: 'filter', message: 'Unknown tenant in the filter: no tenant you can see has that id or slug.' }] }),
  },
  'lib/actions/tenants.ts#findMemberCandidatesAction': {
    guard: 'tenant-members.manage',
    args: () => [fx.tenantA.id, tag],
    changes: () => [membership(fx.member.id)],
    outOfReach: 404,
  },
  'lib/actions/resources.ts#createResourceAction': {
    guard: 'resources.manage',
    args: () => {
      serial += 1;
      return [{ name: ofTenantA(`${tag} made ${serial}`), kind: 'report', tenantId: fx.tenantA.id }];
    },
    changes: ([input]) => [`/api/v1/resources?pattern=${encodeURIComponent(input.name)}`],
    outOfReach: () => ({ ok: false, message: 'Check the highlighted fields.', fieldErrors: [{ path: 'tenantId', message: 'There is no such tenant.' }] }),
  },
  'lib/actions/resources.ts#updateResourceAction': {
    guard: 'resources.manage',
    args: () => {
      serial += 1;
      return [fx.resource.id, { name: ofTenantA(`${tag} books ${serial}`), kind: 'report', tenantId: fx.tenantA.id }];
    },
    changes: ([id]) => [`/api/v1/resources/${id}`],
    outOfReach: 404,
  },
  'lib/actions/resources.ts#deleteResourceAction': {
    guard: 'resources.manage',
    args: async () => [await newResourceOfA(), false],
    changes: ([id]) => [`/api/v1/resources/${id}`],
    // Its refusal of an unknown id: someone else may have deleted it meanwhile.
    outOfReach: () => ({ ok: false, message: 'This resource no longer exists: someone else deleted it.', fieldErrors: [] }),
  },
  'lib/actions/webhooks.ts#createWebhookAction': {
    guard: 'webhooks.manage',
    // Disabled: nothing is sent to the made-up public receiver.
    args: () => [{ url: `https://93.184.215.14/hooks/${tag}`, events: ['user.created'], description: null, enabled: false }],
    changes: () => ['/api/v1/webhooks'],
  },
  'lib/actions/webhooks.ts#updateWebhookAction': {
    guard: 'webhooks.manage',
    args: async () => [await newWebhook(), { url: `https://93.184.215.14/hooks/${tag}/moved`, events: ['user.deleted'], description: 'Moved' }],
    changes: ([id]) => [`/api/v1/webhooks/${id}`],
  },
  'lib/actions/webhooks.ts#setWebhookEnabledAction': {
    guard: 'webhooks.manage',
    args: async () => [await newWebhook(), false],
    changes: ([id]) => [`/api/v1/webhooks/${id}`],
  },
  'lib/actions/webhooks.ts#deleteWebhookAction': {
    guard: 'webhooks.manage',
    args: async () => [await newWebhook(), false],
    changes: ([id]) => [`/api/v1/webhooks/${id}`],
  },
  'lib/actions/webhooks.ts#redeliverWebhookAction': {
    guard: 'webhooks.manage',
    // An unknown delivery: the refusal, not a delivery, is what is checked here.
    args: async () => [await newWebhook(), 'msg_unknown'],
    changes: ([id]) => [`/api/v1/webhooks/${id}/deliveries`],
  },
  'lib/actions/permissions.ts#saveResourcePermissionsAction': {
    guard: 'permissions.manage',
    args: async () => [fx.resource.id, [{ key: await newMemberOfA(), role: 'reader', expiresAt: null }]],
    changes: ([id]) => [`/api/v1/resources/${id}/permissions`],
    outOfReach: ([id]) => ({ ok: false, message: `There is no resource ${id}.`, fieldErrors: [] }),
  },
  'lib/actions/permissions.ts#saveUserPermissionsAction': {
    guard: 'permissions.manage',
    args: async () => [await newMemberOfA(), [{ key: fx.resource.id, role: 'editor', expiresAt: null }]],
    changes: ([id]) => [`/api/v1/users/${id}/permissions`],
    outOfReach: ([id]) => ({ ok: false, message: `There is no user ${id}.`, fieldErrors: [] }),
  },
  'lib/actions/permissions.ts#loadUserGridPageAction': {
    guard: 'permissions.read',
    args: () => [fx.member.id, { pattern: '', page: 1, heldOnly: false }],
    changes: ([id]) => [`/api/v1/users/${id}/permissions`],
    outOfReach: 404,
  },
  'lib/actions/permissions.ts#findUsersToAddAction': {
    guard: 'permissions.manage',
    args: () => [fx.resource.id, tag],
    changes: ([id]) => [`/api/v1/resources/${id}/permissions`],
    outOfReach: 404,
  },
};

let lastImportEmail = '';
function newImportEmail(): string {
  serial += 1;
  lastImportEmail = ofTenantA(`${tag}-imported-${serial}@example.com`);
  return lastImportEmail;
}

/** A one-row CSV file putting a new user in tenant A, as the import page uploads it. */
function importFile(email: string): File {
  return new File([`email,tenants\n${email},${fx.tenantA.id}\n`], 'people.csv', { type: 'text/csv' });
}

const heldImports: string[] = [];
/** An import the worker leaves running, requested by the system admin; ended after the file. */
async function heldImport(): Promise<string> {
  const id = await holdImport(appDatabase(), (await asAdmin('GET', '/api/v1/me')).id as string);
  heldImports.push(id);
  return id;
}

afterAll(async () => {
  for (const id of heldImports) await endHeldImport(appDatabase(), id);
});

/** A held import as the recent-imports list shows it: only an action moves it. */
const heldImportRead = (id: string): Read => ({
  path: '/api/v1/imports',
  pick: (body: { items: { id: string; status: string; stepsDone: number; cancelRequested: boolean }[] }) => body.items.filter((job) => job.id === id).map(({ status, stepsDone, cancelRequested }) => ({ status, stepsDone, cancelRequested })),
});

/** 'out of reach': the caller may attempt the operation, but tenant A's objects are not theirs. */
type Expected = 'sign-in' | 403 | 'out of reach' | 'allowed';

function expectedFor(guard: Case['guard'], caller: Caller): Expected {
  if (guard === 'public') return 'allowed';
  if (caller === 'anonymous') return 'sign-in';
  if (guard === 'signed-in' || caller === 'system admin') return 'allowed';
  const { reach } = OPERATIONS[guard];
  if (reach === 'user') return 'allowed';
  if (reach === 'admin' || (reach === 'tenant' && caller === 'plain user')) return 403;
  return caller === 'admin of the tenant' ? 'allowed' : 'out of reach';
}

let actions: ServerAction[] = [];

beforeAll(async () => {
  actions = serverActionsInBuild();
  adminToken = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
  const tenantA = (await asAdmin('POST', '/api/v1/tenants', { slug: ofTenantA(`${tag}-tenant-a`), name: ofTenantA(`${tag} Tenant A`) })) as { id: string };
  ofTenantA(tenantA.id);
  const tenantB = (await asAdmin('POST', '/api/v1/tenants', { slug: `${tag}-tenant-b`, name: `${tag} Tenant B` })) as { id: string };
  fx = { tenantA, member: { id: '', email: '' }, plain: { id: '', email: '' }, resource: { id: '' }, cookies: {} as Fixture['cookies'] };
  const userOfA = async (name: string) => {
    const email = ofTenantA(`${tag}-${name}@example.com`);
    const id = ofTenantA(await newUserOf(tenantA.id, email));
    emails.set(id, email);
    return { id, email };
  };
  fx.member = await userOfA('member');
  fx.plain = await userOfA('plain');
  await asAdmin('PUT', `/api/v1/tenants/${tenantA.id}/users/${(await userOfA('admin-a')).id}`, { role: 'admin' });
  await asAdmin('PUT', `/api/v1/tenants/${tenantB.id}/users/${await newUserOf(tenantB.id, `${tag}-admin-b@example.com`)}`, { role: 'admin' });
  fx.resource.id = ofTenantA(((await asAdmin('POST', '/api/v1/resources', { name: ofTenantA(`${tag} ledger`), kind: 'workflow', tenantId: tenantA.id })) as { id: string }).id);
  fx.cookies = {
    'plain user': await browserSession(baseUrl(), fx.plain.email, PASSWORD),
    'admin of another tenant': await browserSession(baseUrl(), `${tag}-admin-b@example.com`, PASSWORD),
    'admin of the tenant': await browserSession(baseUrl(), `${tag}-admin-a@example.com`, PASSWORD),
    'system admin': await browserSession(baseUrl(), TEST_ADMIN.email, TEST_ADMIN.password),
  };
});

/** The refusal itself, as the matrix and the action's case say. */
function expectRefusal(expected: Exclude<Expected, 'allowed'>, action: ServerAction, outcome: ActionOutcome, args: Args, label: string) {
  if (expected === 'sign-in') {
    expect(outcome.redirectedTo, label).toBe(`/sign-in?callbackUrl=${encodeURIComponent(action.page)}`);
    return;
  }
  const refusal = expected === 403 ? 403 : CASES[`${action.file}#${action.name}`].outOfReach;
  if (refusal === undefined) throw new Error(`${label}: the case does not say how the action refuses a caller out of reach.`);
  if (typeof refusal === 'number') {
    expect(outcome.status, label).toBe(refusal);
    expect(actionResult(outcome), label).toEqual({ thrown: `NEXT_HTTP_ERROR_FALLBACK;${refusal}` });
  } else {
    expect(outcome.status, label).toBe(200);
    expect(outcome.redirectedTo, label).toBeNull();
    expect(actionResult(outcome), label).toEqual({ returned: refusal(args) });
  }
}

/** Tenant A's ids, emails and names that a refused caller neither sent nor is; its own admin may see them all. */
function dataTheCallerLacks(caller: Caller, args: Args): string[] {
  if (caller === 'admin of the tenant') return [];
  const sent = JSON.stringify(args);
  const own = caller === 'plain user' ? [fx.plain.id, fx.plain.email] : [];
  return [...tenantAData].filter((value) => !sent.includes(value) && !own.includes(value));
}

describe('server actions, action by action', () => {
  it('has a row for every server action in the build', () => {
    expect(actions.map((action) => `${action.file}#${action.name}`).sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const key of Object.keys(CASES)) {
    it(key, async () => {
      const action = actions.find((candidate) => `${candidate.file}#${candidate.name}` === key)!;
      for (const caller of CALLERS) {
        // Signing out ends the session it is called with: give each caller a fresh one.
        const cookie = caller === 'anonymous' ? undefined : key.endsWith('#signOutAction') ? await freshSession(caller) : fx.cookies[caller];
        const args = await CASES[key].args(caller);
        const expected = expectedFor(CASES[key].guard, caller);
        const reads = expected === 'allowed' ? [] : (CASES[key].changes?.(args) ?? []);
        const before = await readBack(reads);
        const outcome = await callServerAction(baseUrl(), action, args, cookie);
        await CASES[key].restore?.();
        const label = `${key} as ${caller}: ${outcome.status} ${outcome.redirectedTo ?? ''} ${outcome.body.slice(0, 300)}`;
        if (expected === 'allowed') {
          expect(outcome.status, label).toBeLessThan(500);
          expect(outcome.status, label).not.toBe(403);
          // Sign-out's plain /sign-in is its job; the guard's bounce names the way back.
          expect(outcome.redirectedTo ?? '', label).not.toMatch(/^\/sign-in\?callbackUrl=/);
          continue;
        }
        expectRefusal(expected, action, outcome, args, label);
        for (const value of dataTheCallerLacks(caller, args)) expect(outcome.body, `${label}\n(carries ${value})`).not.toContain(value);
        expect(await readBack(reads), `${label}\n(changed what it was refused)`).toEqual(before);
      }
    });
  }

  it('reads back every refused change', () => {
    // A guarded action without reads would pass "nothing changed" by reading nothing.
    const unread = Object.entries(CASES).filter(([, testCase]) => testCase.guard !== 'public' && testCase.guard !== 'signed-in' && !testCase.changes);
    expect(unread.map(([key]) => key)).toEqual([]);
  });
});

/** A bulk action started by tenant A's admin on one of its members, held queued-or-running long enough to read and cancel. */
async function bulkJobOfTenantAdmin(): Promise<string> {
  const token = await signInForToken(...signInOf('admin of the tenant'));
  const response = await api('/api/v1/users/bulk', { method: 'POST', token, json: { action: 'activate', ids: [await newMemberOfA()] } });
  if (response.status !== 202) throw new Error(`POST /api/v1/users/bulk failed in setup: ${response.status} ${response.text}`);
  return response.body.id as string;
}

/** The caller's email and password. */
function signInOf(caller: Exclude<Caller, 'anonymous'>): [string, string] {
  if (caller === 'system admin') return [TEST_ADMIN.email, TEST_ADMIN.password];
  const name = { 'plain user': 'plain', 'admin of another tenant': 'admin-b', 'admin of the tenant': 'admin-a' }[caller];
  return [`${tag}-${name}@example.com`, PASSWORD];
}

async function freshSession(caller: Exclude<Caller, 'anonymous'>): Promise<string> {
  return browserSession(baseUrl(), ...signInOf(caller));
}

/** Signs the user in for a new token and gives its id, as their own sessions list shows it. */
async function newTokenId(email: string, password: string): Promise<string> {
  const token = await signInForToken(email, password);
  const { sessions } = (await api('/api/v1/me/sessions', { token })).body as { sessions: Array<{ id: string; current: boolean }> };
  return sessions.find((session) => session.current)!.id;
}
