import { transaction } from '@/db/client';
import { ApiError } from '@/lib/api/errors';
import { recordAuditEvent } from '@/lib/audit/events';
import { COMMON_PASSWORD_RULE, passwordRules, type CharacterClass, type PasswordPolicy } from './rules';
import { getPasswordPolicy, isSettingPinned, setSetting } from '@/lib/settings/settings';

export type PasswordPolicySettings = PasswordPolicy & {
  /** The rules as the forms show them. */
  rules: string[];
  /** Set by the environment (PASSWORD_MIN_LENGTH, PASSWORD_REQUIRED_CLASSES): not changeable here. */
  pinned: { minLength: boolean; requiredClasses: boolean };
};

export async function getPasswordPolicySettings(): Promise<PasswordPolicySettings> {
  const policy = await getPasswordPolicy();
  return {
    ...policy,
    rules: [...passwordRules(policy).map((rule) => rule.text), COMMON_PASSWORD_RULE],
    pinned: { minLength: isSettingPinned('passwordMinLength'), requiredClasses: isSettingPinned('passwordRequiredClasses') },
  };
}

/** Changes the policy for passwords chosen from now on; existing passwords stay valid. */
export async function updatePasswordPolicy(policy: { minLength: number; requiredClasses: string[] }, actor: { id: string; ip?: string | null }): Promise<PasswordPolicySettings> {
  const current = await getPasswordPolicySettings();
  const pinned = [
    ...(current.pinned.minLength && policy.minLength !== current.minLength ? [{ path: 'minLength', message: 'PASSWORD_MIN_LENGTH in the environment sets this.' }] : []),
    ...(current.pinned.requiredClasses && [...policy.requiredClasses].sort().join() !== [...current.requiredClasses].sort().join()
      ? [{ path: 'requiredClasses', message: 'PASSWORD_REQUIRED_CLASSES in the environment sets this.' }]
      : []),
  ];
  if (pinned.length) throw new ApiError('conflict', pinned.map((p) => p.message).join(' '), { errors: pinned });
  await transaction(async () => {
    await setSetting('passwordMinLength', policy.minLength);
    await setSetting('passwordRequiredClasses', policy.requiredClasses as CharacterClass[]);
    // Named as the settings are stored, so every setting reads alike in the trail.
    await recordAuditEvent({
      actor: actor.id,
      action: 'settings.updated',
      before: { passwordMinLength: current.minLength, passwordRequiredClasses: [...current.requiredClasses].sort() },
      after: { passwordMinLength: policy.minLength, passwordRequiredClasses: [...policy.requiredClasses].sort() },
      ip: actor.ip,
    });
  });
  return await getPasswordPolicySettings();
}
