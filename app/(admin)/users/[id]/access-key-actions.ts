'use server';

import { rotateAccessKeyOf, showAccessKey } from '@/lib/access-keys';
import { formFailure } from '@/lib/form-result';
import { idParam } from '@/lib/schemas/ids';
import { currentCaller } from '../../current-actor';

export type AccessKeyActionResult = { ok: true; accessKey: string } | { ok: false; message: string };

/**
 * The user's access key, for an admin or a tenant admin who controls the account (the same
 * rule as GET /api/v1/users/:id/access-key); the read is audited. Another tenant's user is a
 * 404, a shared member or a system admin a 403.
 */
export async function revealAccessKeyAction(id: string): Promise<AccessKeyActionResult> {
  const { principal, actor } = await currentCaller('users.access-key');
  try {
    return { ok: true, accessKey: showAccessKey(principal, idParam.parse(id), actor).accessKey };
  } catch (error) {
    return { ok: false, message: formFailure(error).message };
  }
}

/** Replaces the user's access key; the old one is refused from now on. */
export async function rotateAccessKeyAction(id: string): Promise<AccessKeyActionResult> {
  const { principal, actor } = await currentCaller('users.access-key');
  try {
    return { ok: true, accessKey: rotateAccessKeyOf(principal, idParam.parse(id), actor).accessKey };
  } catch (error) {
    return { ok: false, message: formFailure(error).message };
  }
}
