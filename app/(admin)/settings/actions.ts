'use server';

import { revalidatePath } from 'next/cache';
import { fieldErrors } from '@/lib/api/problem';
import { formFailure, type FormFailure } from '@/lib/form-result';
import { updatePasswordPolicy, type PasswordPolicySettings } from '@/lib/password-policy-settings';
import { passwordPolicySchema } from '@/lib/schemas/passwords';
import { currentCaller } from '../current-actor';

export type PasswordPolicyResult = { ok: true; settings: PasswordPolicySettings } | ({ ok: false } & FormFailure);

/** Saves the password policy, with the schema PUT /api/v1/settings/password-policy uses. */
export async function updatePasswordPolicyAction(input: unknown): Promise<PasswordPolicyResult> {
  const { actor } = await currentCaller('settings.manage');
  const parsed = passwordPolicySchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: 'Check the highlighted fields.', fieldErrors: fieldErrors(parsed.error) };
  try {
    const settings = updatePasswordPolicy(parsed.data, actor);
    // Pages this tab already visited (a user's set-password dialog) show the rules: drop their cached copies.
    revalidatePath('/', 'layout');
    return { ok: true, settings };
  } catch (error) {
    return { ok: false, ...formFailure(error) };
  }
}
