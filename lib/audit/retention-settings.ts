import { transaction } from '@/db/client';
import { ApiError } from '@/lib/api/errors';
import { getSetting, isSettingPinned, setSetting } from '@/lib/settings/settings';
import { recordAuditEvent } from './events';

export type AuditRetentionSettings = { days: number; pinned: boolean };

export async function getAuditRetentionSettings(): Promise<AuditRetentionSettings> {
  return { days: await getSetting('auditRetentionDays'), pinned: isSettingPinned('auditRetentionDays') };
}

/** Changes how long events are kept; the next daily retention run applies it. */
export async function updateAuditRetention(days: number): Promise<AuditRetentionSettings> {
  const current = await getAuditRetentionSettings();
  if (current.pinned && days !== current.days) {
    throw new ApiError('conflict', 'AUDIT_RETENTION_DAYS in the environment sets this.', { errors: [{ path: 'days', message: 'AUDIT_RETENTION_DAYS in the environment sets this.' }] });
  }
  await transaction(async () => {
    await setSetting('auditRetentionDays', days);
    await recordAuditEvent({ action: 'settings.updated', before: { auditRetentionDays: current.days }, after: { auditRetentionDays: days } });
  });
  return await getAuditRetentionSettings();
}
