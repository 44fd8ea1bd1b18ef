import type { mailKinds } from '@/db/schema';
import { getConfig } from '@/lib/server/config';

/**
 * The mails Gatehouse sends, each as plain text and HTML. Links are built from APP_URL,
 * never from a request's Host header, which a client controls. `preview` is the same mail
 * with the link left out: what admins may read in the outbox.
 */

export type MailKind = (typeof mailKinds)[number];
export type Mail = { to: string; kind: MailKind; subject: string; text: string; html: string; preview: string };

type Recipient = { email: string; name: string };

const PRODUCT = 'Gatehouse';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function appLink(path: string, query: Record<string, string> = {}): string {
  const url = new URL(path, `${getConfig().appUrl}/`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}

/** A code's lifetime as a person reads it: "30 minutes", "7 days". */
export function lifetimeText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return minutes <= 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

/** A mail of paragraphs with at most one button-style link. */
function compose(to: Recipient, kind: MailKind, subject: string, paragraphs: string[], action?: { label: string; url: string; carriesCode: boolean }, after: string[] = []): Mail {
  const greeting = `Hello ${to.name},`;
  const linkLine = action ? `${action.label}:\n${action.url}` : null;
  const text = [greeting, ...paragraphs, ...(linkLine ? [linkLine] : []), ...after, `— ${PRODUCT}`].join('\n\n') + '\n';
  const preview = [greeting, ...paragraphs, ...(action ? [action.carriesCode ? `[${action.label}: link sent to the recipient only]` : `${action.label}:\n${action.url}`] : []), ...after, `— ${PRODUCT}`].join('\n\n') + '\n';
  const p = (line: string) => `<p style="margin:0 0 16px">${escapeHtml(line)}</p>`;
  const button = action
    ? `<p style="margin:0 0 16px"><a href="${escapeHtml(action.url)}" style="display:inline-block;padding:10px 18px;background:#4f46e5;color:#ffffff;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#475569">Or paste this address into your browser:<br>${escapeHtml(action.url)}</p>`
    : '';
  const html =
    `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#0f172a;line-height:1.5;max-width:560px;margin:24px auto;padding:0 16px">` +
    p(greeting) + paragraphs.map(p).join('') + button + after.map(p).join('') + `<p style="margin:0;color:#475569">— ${PRODUCT}</p></body></html>`;
  return { to: to.email, kind, subject, text, html, preview };
}

export function passwordResetMail(to: Recipient, code: string, lifetimeMs: number): Mail {
  return compose(
    to,
    'password-reset',
    `Reset your ${PRODUCT} password`,
    [`Someone, hopefully you, asked to reset the password of your ${PRODUCT} account ${to.email}.`],
    { label: 'Choose a new password', url: appLink('/reset-password', { code }), carriesCode: true },
    [`The link works once, for ${lifetimeText(lifetimeMs)}. If you did not ask for it, ignore this mail: your password stays as it is.`],
  );
}

export function invitationMail(to: Recipient, code: string, lifetimeMs: number): Mail {
  return compose(
    to,
    'invitation',
    `You are invited to ${PRODUCT}`,
    [`An account was created for you on ${PRODUCT} with the email ${to.email}. Choose a password to start using it.`],
    { label: 'Choose your password', url: appLink('/accept-invite', { code }), carriesCode: true },
    [`The link works once, for ${lifetimeText(lifetimeMs)}. If you did not expect this invitation, you can ignore it.`],
  );
}

export function passwordChangedMail(to: Recipient): Mail {
  return compose(
    to,
    'password-changed',
    `Your ${PRODUCT} password was changed`,
    [
      `The password of your ${PRODUCT} account ${to.email} was just changed, and you were signed out everywhere else.`,
      `If this was not you, reset your password now and tell your administrator.`,
    ],
    { label: 'Reset your password', url: appLink('/forgot-password'), carriesCode: false },
  );
}

export function signUpConfirmationMail(to: Recipient, code: string, lifetimeMs: number): Mail {
  return compose(
    to,
    'sign-up',
    `Confirm your ${PRODUCT} account`,
    [`Someone, hopefully you, signed up for ${PRODUCT} with the email ${to.email}. Confirm it with the password you chose to start using the account.`],
    { label: 'Confirm your account', url: appLink('/confirm-sign-up', { code }), carriesCode: true },
    [`The link works once, for ${lifetimeText(lifetimeMs)}. If you did not sign up, ignore this mail: without the password nobody can confirm it.`],
  );
}

/** The answer to a sign-up that cannot go ahead, told only to the owner of the address. */
export function signUpRefusedMail(to: Recipient, reason: 'account-exists' | 'username-taken', username?: string): Mail {
  const why =
    reason === 'account-exists'
      ? `Someone, hopefully you, tried to sign up for ${PRODUCT} with the email ${to.email}, but you already have an account with it. Sign in, or reset your password if you forgot it.`
      : `Someone, hopefully you, tried to sign up for ${PRODUCT} with the email ${to.email} and the username ${username}, which another account already has. Sign up again with another username, or none.`;
  return compose(to, 'sign-up-refused', `Your ${PRODUCT} sign-up`, [why], reason === 'account-exists' ? { label: 'Reset your password', url: appLink('/forgot-password'), carriesCode: false } : undefined, [
    'If this was not you, you can ignore this mail: nothing changed.',
  ]);
}

/** To every system admin: an endpoint failed for too long and receives nothing until enabled again. */
export function webhookDisabledMail(to: Recipient, endpoint: { id: string; url: string; reason: string }): Mail {
  return compose(
    to,
    'webhook-disabled',
    `A ${PRODUCT} webhook endpoint was disabled`,
    [`The webhook endpoint ${endpoint.url} was disabled. ${endpoint.reason}`, 'Events that happen while it is disabled are not sent to it. Fix the receiver, then enable the endpoint again under Settings → Webhooks.'],
    { label: 'Open the endpoint', url: appLink(`/settings/webhooks/${endpoint.id}`), carriesCode: false },
  );
}

/** The inactivity policy's warning (lib/inactivity): signing in before `suspendOn` keeps the account. */
export function inactivityWarningMail(to: Recipient, suspendOn: Date): Mail {
  const day = suspendOn.toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'UTC' });
  return compose(
    to,
    'inactivity-warning',
    `Your ${PRODUCT} account will be suspended on ${day} unless you sign in`,
    [`Nobody has signed in to your ${PRODUCT} account ${to.email} for a long time. Your account will be suspended on ${day} unless you sign in before then.`],
    { label: 'Sign in', url: appLink('/sign-in'), carriesCode: false },
    ['If you no longer need the account, you can ignore this mail. An administrator can reactivate a suspended account.'],
  );
}
