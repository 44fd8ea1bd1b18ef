import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Calling server actions over HTTP as a browser does, for the access-control test: the build's
 * server-reference manifest names every action (file and export) and its id; a POST with the
 * `Next-Action` header runs it with the caller's session cookie.
 */

export type ServerAction = { id: string; file: string; name: string; page: string };

/** Every server action in the build the tests run against (NEXT_DIST_DIR or .next). */
export function serverActionsInBuild(): ServerAction[] {
  const manifest = JSON.parse(readFileSync(path.join(process.env.NEXT_DIST_DIR || '.next', 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({ id, file: entry.filename, name: entry.exportedName, page: pagePath(Object.keys(entry.workers)[0]) }));
}

/** `app/(admin)/users/[id]/page` -> `/users/x`: any page that loads the action can run it. */
function pagePath(worker: string): string {
  const segments = worker.replace(/^app\//, '').replace(/\/page$/, '').split('/').filter((segment) => !segment.startsWith('('));
  return '/' + segments.map((segment) => (segment.startsWith('[') ? 'x' : segment)).join('/');
}

/** Signs in through Auth.js's credentials endpoint and returns the session cookie header. */
export async function browserSession(baseUrl: string, identifier: string, password: string, userAgent?: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const cookies = csrf.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; '), ...(userAgent ? { 'user-agent': userAgent } : {}) },
    body: new URLSearchParams({ identifier, password, csrfToken }),
  });
  const session = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).find((cookie) => cookie.includes('session-token='));
  if (!session) throw new Error(`Signing in ${identifier} gave no session cookie (${response.status}).`);
  return session;
}

export type ActionOutcome = { status: number; redirectedTo: string | null; body: string; setCookies: string[] };

/** A form's fields among an action's arguments, sent as React sends a FormData argument. */
export class FormFields {
  constructor(readonly fields: Record<string, string>) {}
}

/**
 * Runs a server action as the React client would send it: JSON-serialisable arguments as
 * text, or, with a FormFields argument, multipart with the form's fields under that
 * argument's reference ("$K1" and fields named "_1_<name>", as React 19.3 names them), or,
 * with File or Blob arguments, multipart with each in a part of its own, numbered from 1 and
 * referenced as "$B<n>" (n in hex), as React sends an uploaded file.
 */
export async function callServerAction(baseUrl: string, action: ServerAction, args: unknown[], cookie?: string, headers: Record<string, string> = {}): Promise<ActionOutcome> {
  let body: string | FormData = JSON.stringify(args);
  const form = args.find((arg): arg is FormFields => arg instanceof FormFields);
  const blobs = args.filter((arg): arg is Blob => arg instanceof Blob);
  if (form) {
    body = new FormData();
    // The fields go first: the server resolves "$K1" as soon as part "0" arrives.
    for (const [name, value] of Object.entries(form.fields)) body.append(`_1_${name}`, value);
    body.append('0', JSON.stringify(args.map((arg) => (arg === form ? '$K1' : arg))));
  } else if (blobs.length) {
    const parts = new FormData();
    blobs.forEach((blob, index) => parts.append(String(index + 1), blob));
    parts.append('0', JSON.stringify(args.map((arg) => (arg instanceof Blob ? `$B${(blobs.indexOf(arg) + 1).toString(16)}` : arg))));
    body = parts;
  }
  const multipart = typeof body !== 'string';
  const response = await fetch(`${baseUrl}${action.page}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...headers, 'next-action': action.id, accept: 'text/x-component', ...(multipart ? {} : { 'content-type': 'text/plain;charset=UTF-8' }), ...(cookie ? { cookie } : {}) },
    body,
  });
  return {
    status: response.status,
    redirectedTo: response.headers.get('x-action-redirect')?.split(';')[0] ?? null,
    body: await response.text(),
    setCookies: response.headers.getSetCookie(),
  };
}

export type ActionResult = { returned: unknown } | { thrown: string };

/**
 * What the action answered, read from the RSC payload: row 0 names the row (`"a": "$@1"`) that
 * holds the returned value, or an error with a digest for what it threw (Next's notFound() and
 * forbidden() carry "NEXT_HTTP_ERROR_FALLBACK;404" and ";403"). Null when there is no such row,
 * as when the action redirected.
 */
export function actionResult(outcome: ActionOutcome): ActionResult | null {
  const rows = new Map<string, string>();
  for (const line of outcome.body.split('\n')) {
    const row = /^([0-9a-f]+):(.*)$/.exec(line);
    if (row && !rows.has(row[1])) rows.set(row[1], row[2]);
  }
  const root = rows.get('0');
  const reference = root === undefined ? undefined : (JSON.parse(root) as { a?: string }).a;
  if (!reference) return null;
  const row = rows.get(reference.replace(/^\$@/, ''));
  if (row === undefined) throw new Error(`The action's answer names row ${reference}, which the payload lacks.`);
  if (row.startsWith('E')) return { thrown: (JSON.parse(row.slice(1)) as { digest: string }).digest };
  return { returned: JSON.parse(row) };
}
