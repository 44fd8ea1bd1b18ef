import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { cancelDeletion, getDeletionStatus } from '@/lib/deletion/requests';

const params = z.object({ id: z.string().min(1).max(64), ticket: z.string().min(1).max(64) });

/** Progress of a deletion, for a progress bar: {status, stepsDone, stepsTotal, currentStep, ...}. */
export const GET = apiRoute({ operation: 'users.delete', params }, async ({ params }) =>
  Response.json(await getDeletionStatus(params.id, params.ticket), { headers: { 'cache-control': 'no-store' } }),
);

/** Cancels a deletion between steps; the user ends suspended. */
export const DELETE = apiRoute({ operation: 'users.delete', params }, async ({ params, principal, address, request }) =>
  await cancelDeletion(params.id, params.ticket, { id: principal.user.id, ip: address, userAgent: request.headers.get('user-agent') }),
);
