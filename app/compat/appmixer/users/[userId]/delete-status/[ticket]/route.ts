import { toAppmixerDeleteStatus } from '@/lib/compat/appmixer/mapping';
import { APPMIXER_ENDPOINTS } from '@/lib/compat/appmixer/endpoints';
import { appmixerRoute } from '@/lib/compat/appmixer/route';
import { getDeletionStatus } from '@/lib/deletion/requests';

/** {status, stepsDone, stepsTotal} of a deletion, for a progress bar. */
export const GET = appmixerRoute(APPMIXER_ENDPOINTS.getDeleteStatus, async ({ params }) =>
  Response.json(toAppmixerDeleteStatus(await getDeletionStatus(params.userId, params.ticket)), { headers: { 'cache-control': 'no-store' } }),
);
