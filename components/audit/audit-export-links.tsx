'use client';

import { buttonClassName } from '@/components/ui/button';
import { auditExportHref } from '@/lib/audit/list-params';
import { useAuditListNavigation } from './audit-list-navigation';

/** Downloads of every event matching the current filters (not just this page). */
export function AuditExportLinks() {
  const { params } = useAuditListNavigation();
  return (
    <div className="flex gap-2">
      <a href={auditExportHref(params, 'csv')} download className={buttonClassName('secondary')}>
        Export CSV
      </a>
      <a href={auditExportHref(params, 'ndjson')} download className={buttonClassName('secondary')}>
        Export NDJSON
      </a>
    </div>
  );
}
