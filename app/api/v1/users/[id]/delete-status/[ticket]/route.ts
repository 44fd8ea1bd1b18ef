import { apiRoute } from '@/lib/api/route';
import { cancelDeletion, getDeletionStatus } from '@/lib/deletion/requests';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** Progress of a deletion, for a progress bar: {status, stepsDone, stepsTotal, currentStep, ...}. */
export const GET = apiRoute(V1_ENDPOINTS.getDeletionStatus, async ({ params }) =>
  Response.json(await getDeletionStatus(params.id, params.ticket), { headers: { 'cache-control': 'no-store' } }),
);

/** Cancels a deletion between steps; the user ends suspended. */
export const DELETE = apiRoute(V1_ENDPOINTS.cancelDeletion, async ({ params, principal, address, request }) =>
  await cancelDeletion(params.id, params.ticket, { id: principal.user.id, ip: address, userAgent: request.headers.get('user-agent') }),
);
