import { toAppmixerDeleteStatus } from '@/lib/compat/appmixer/mapping';
import { appmixerRoute } from '@/lib/compat/appmixer/route';
import { deleteStatusParams } from '@/lib/compat/appmixer/schemas';
import { getDeletionStatus } from '@/lib/deletion/requests';

/** {status, stepsDone, stepsTotal} of a deletion, for a progress bar. */
export const GET = appmixerRoute({ operation: 'users.delete', params: deleteStatusParams }, async ({ params }) =>
  Response.json(toAppmixerDeleteStatus(await getDeletionStatus(params.userId, params.ticket)), { headers: { 'cache-control': 'no-store' } }),
);
