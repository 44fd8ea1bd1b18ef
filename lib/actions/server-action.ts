import { headers } from 'next/headers';
import { forbidden, notFound } from 'next/navigation';
import type { z } from 'zod';
import type { Operation } from '@/lib/access/matrix';
import { ApiError, type FieldError } from '../api/errors';
import { fieldErrors } from '../api/problem';
import type { Principal } from '../auth/principal';
import { getSessionPrincipal, requireOperation } from '../auth/session';
import { CHECK_THE_FIELDS, refused, type FormFailure } from '@/lib/pages/form-result';
import { NUL_CHARACTER_MESSAGE, nulCharacterPath } from '@/lib/http/json';
import { clientAddress, requestIdOf } from '@/lib/http/request';
import { withAuditContext } from '@/lib/audit/context';
import { answeringRequest } from '@/lib/server/foreground';

/** Who may run an action: an operation of the access matrix (lib/access/matrix.ts; `user` reach is any signed-in user's), or anyone. */
export type ActionGuard = Operation | 'public';

/** Where the request came from, as the throttles record it. */
export type RequestOrigin = { address: string; userAgent: string | null };
/** Who changed something from a page, as the audit trail records it. */
export type Actor = { id: string; ip: string; userAgent: string | null };

type Caller<G extends ActionGuard> = G extends 'public' ? { principal: Principal | null; actor: Actor | null } : { principal: Principal; actor: Actor };
export type ActionContext<G extends ActionGuard, I> = Caller<G> & { origin: RequestOrigin; input: I };

type ActionSpec<G extends ActionGuard, S> = {
  operation: G;
  /** The action's arguments, as a tuple: ids, then the form's values checked with the resource's schema. */
  input?: S;
  /**
   * lib/'s 404 and 403 become a refusal the page shows in place, for actions on rows a list
   * shows (removed meanwhile, out of a tenant admin's reach). Without it they become Next's
   * not-found and forbidden answers, so another tenant's ids answer like unknown ones.
   */
  refuseInPlace?: boolean;
};

/** What the action answers: a refusal it returned as it is, anything else as a success. */
type Outcome<R> = R extends { ok: false } ? R : R extends void ? { ok: true } : { ok: true } & R;

type Args = readonly unknown[];

/**
 * The one wrapper for server actions, as apiRoute is for API routes: checks the caller against
 * the access matrix (anonymous callers go to sign-in, callers below the operation's reach get
 * the 403 page), parses the arguments with zod, runs the work with the caller, and turns every
 * typed error from lib/ into the one form result shape. Anything else (a redirect, a bug) is
 * thrown on.
 */
export function serverAction<G extends ActionGuard, R, S extends z.ZodType<Args, Args> = z.ZodTuple<[]>>(
  spec: ActionSpec<G, S>,
  work: (context: ActionContext<G, z.output<S>>) => Promise<R>,
): (...args: z.input<S>) => Promise<Outcome<R> | FormFailure> {
  return (...args) => answeringRequest(async () => {
    const principal = await callerFor(spec.operation);
    const requestHeaders = await headers();
    const origin = { address: clientAddress(requestHeaders), userAgent: requestHeaders.get('user-agent') };
    const actor = principal && { id: principal.user.id, ip: origin.address, userAgent: origin.userAgent };
    let input: z.output<S> = [] as z.output<S>;
    if (spec.input) {
      const parsed = spec.input.safeParse(args);
      if (!parsed.success) return refused(CHECK_THE_FIELDS, argumentErrors(parsed.error));
      // What the work would see: a field the schema replaces (a callbackUrl it makes safe) passes.
      const nulAt = nulCharacterPath(parsed.data);
      // Paths inside the argument, as the form names its fields (see argumentErrors).
      if (nulAt !== null) return refused(CHECK_THE_FIELDS, [{ path: nulAt.split('.').slice(1).join('.'), message: NUL_CHARACTER_MESSAGE }]);
      input = parsed.data;
    }
    try {
      const audit = { actor: principal && { kind: 'user' as const, id: principal.user.id }, ip: origin.address, userAgent: origin.userAgent, requestId: requestIdOf(requestHeaders) };
      const result = await withAuditContext(audit, () => work({ principal, actor, origin, input } as ActionContext<G, z.output<S>>));
      return (isFailure(result) ? result : { ok: true, ...result }) as Outcome<R>;
    } catch (error) {
      return formFailure(error, spec.refuseInPlace ?? false);
    }
  });
}

async function callerFor(guard: ActionGuard): Promise<Principal | null> {
  return guard === 'public' ? getSessionPrincipal() : await requireOperation(guard);
}

function isFailure(result: unknown): result is FormFailure {
  return typeof result === 'object' && result !== null && (result as { ok?: unknown }).ok === false;
}

/** Errors on the arguments, with paths inside the argument ("email", not "1.email"), as the form names its fields. */
function argumentErrors(error: z.ZodError): FieldError[] {
  return fieldErrors(error).map(({ path, message }) => ({ path: path.split('.').slice(1).join('.'), message }));
}

/**
 * An ApiError from lib/ as the form shows it: bad input (any error naming a field, such as an
 * unknown tenant in a select), a conflict or a rate limit (whose message says how long to
 * wait). Anything else is not the user's to fix and goes on to the error page.
 */
function formFailure(error: unknown, refuseInPlace: boolean): FormFailure {
  if (!(error instanceof ApiError)) throw error;
  const fieldErrors = error.options.errors ?? [];
  if (fieldErrors.length) return refused(CHECK_THE_FIELDS, fieldErrors);
  const message = error.detail ?? error.title;
  if (error.status === 404 || error.status === 403) {
    if (refuseInPlace) return refused(message);
    if (error.status === 404) notFound();
    forbidden();
  }
  if ([400, 409, 422, 429].includes(error.status)) return refused(message);
  throw error;
}
