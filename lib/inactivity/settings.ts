import { transaction } from '@/db/client';
import { recordAuditEvent } from '@/lib/audit/events';
import { getSetting, setSetting } from '@/lib/settings/settings';
import { DEFAULT_INACTIVITY_POLICY, type InactivityPolicy } from './policy';

export async function getInactivityPolicy(): Promise<InactivityPolicy> {
  // Fields a later version adds take their default on a policy saved before it.
  return { ...DEFAULT_INACTIVITY_POLICY, ...(await getSetting('inactivityPolicy')) };
}

/** Saves the policy (validated by inactivityPolicySchema); the next daily run applies it. */
export async function updateInactivityPolicy(policy: InactivityPolicy): Promise<InactivityPolicy> {
  const current = await getInactivityPolicy();
  await transaction(async () => {
    await setSetting('inactivityPolicy', policy);
    await recordAuditEvent({ action: 'settings.updated', before: { inactivityPolicy: current }, after: { inactivityPolicy: policy } });
  });
  return await getInactivityPolicy();
}
