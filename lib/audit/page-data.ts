import { ApiError, type FieldError } from '@/lib/api/errors';
import { parseAuditListParams, type AuditListParams } from './list-params';
import { auditPeople, listAuditEvents, listRecordedActions, type AuditListOptions, type AuditPage, type AuditPerson } from './query';

export type AuditTableData = {
  params: AuditListParams;
  /** The page and the users it names, or why the URL cannot be listed (a bad filter or cursor typed into it). */
  result: { ok: true; page: AuditPage; people: Map<string, AuditPerson> } | { ok: false; errors: FieldError[] };
  /** The actions the trail holds, for the action filter. */
  actions: string[];
};

/** What the /audit page and a user's activity page show for their URL: the same reads the API makes. */
export async function loadAuditTable(searchParams: Record<string, string | string[] | undefined>, options: AuditListOptions): Promise<AuditTableData> {
  const { params, query, errors } = parseAuditListParams(searchParams);
  const actions = await listRecordedActions();
  if (!query) return { params, result: { ok: false, errors }, actions };
  try {
    const page = await listAuditEvents(query, options);
    return { params, result: { ok: true, page, people: await auditPeople(page.items) }, actions };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 400) throw error;
    return { params, result: { ok: false, errors: error.options.errors ?? [{ path: '', message: error.detail ?? error.title }] }, actions };
  }
}
