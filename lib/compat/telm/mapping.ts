import type { z } from 'zod';
import type { User } from '@/db/schema';
import { ApiError, type FieldError } from '../../api/errors';
import { fieldErrors } from '../../api/problem';
import type { UserCreateInput } from '@/lib/users/schemas';
import type { TenantRole } from '@/lib/tenants/tenants';
import { telmTokenRequestSchema, type telmCreateQuerySchema, type telmTokenFieldsSchema, type TelmUser } from './schemas';

/** Between telm.ai's shapes and Gatehouse's model. */

/** A user as telm.ai shows one; a name Gatehouse has not got is an empty string, as the document types every field a string. */
export function toTelmUser(user: Pick<User, 'id' | 'email' | 'firstName' | 'lastName'>, role: TenantRole): TelmUser {
  return { email: user.email, first_name: user.firstName ?? '', id: user.id, last_name: user.lastName ?? '', role };
}

/** POST .../users as Gatehouse's create input: the new user joins the tenant (as `user`; the role is set after). */
export function toCreateInput(query: z.infer<typeof telmCreateQuerySchema>, tenantId: string): UserCreateInput {
  return { email: query.email, firstName: query.first_name, lastName: query.last_name, password: query.password, tenant: tenantId };
}

/** Gatehouse's field names in errors, as the telm.ai caller sent them. */
const TELM_FIELD_NAMES: Record<string, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  oldPassword: 'old-password',
  newPassword: 'new-password',
};

export function toTelmFieldErrors(errors: FieldError[]): FieldError[] {
  return errors.map(({ path, message }) => ({ path: TELM_FIELD_NAMES[path] ?? path, message }));
}

/** The token request from its fields, merged from the query and the form body (the body wins). */
export function toTokenRequest(fields: z.infer<typeof telmTokenFieldsSchema>): z.infer<typeof telmTokenRequestSchema> {
  const result = telmTokenRequestSchema.safeParse(fields);
  if (!result.success) {
    throw new ApiError('validation-failed', 'Send grant_type=password, username and password, in the query or as a form body.', { errors: fieldErrors(result.error) });
  }
  return result.data;
}

/** telm.ai's `expires`: the seconds the token stays valid, counted from now. */
export function secondsUntil(at: Date, now = Date.now()): number {
  return Math.max(0, Math.round((at.getTime() - now) / 1000));
}
