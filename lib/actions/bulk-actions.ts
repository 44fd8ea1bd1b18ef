'use server';

import { z } from 'zod';
import { idParam } from '@/lib/api/id-param';
import { cancelBulkAction, getBulkActionReport } from '@/lib/bulk/report';
import { bulkActionSchema } from '@/lib/bulk/schemas';
import { bulkJobState, startBulkAction } from '@/lib/bulk/start';
import { serverAction } from './server-action';

/** Refused users shown with a running job's progress; the report page pages through the rest. */
const REFUSED_SHOWN = 20;

/** Starts a bulk action on the users list's selection (POST /api/v1/users/bulk's body and rules). */
export const startBulkActionAction = serverAction({ operation: 'users.bulk', input: z.tuple([bulkActionSchema]) }, async ({ principal, input: [body] }) =>
  bulkJobState(await startBulkAction(body, principal)),
);

/** A bulk action's progress and first refusals, for the list's progress bar; another admin's job is refused in place as unknown. */
export const readBulkActionAction = serverAction({ operation: 'users.bulk', refuseInPlace: true, input: z.tuple([idParam]) }, async ({ principal, input: [id] }) => ({
  report: await getBulkActionReport(id, principal, { limit: REFUSED_SHOWN }),
}));

/** Asks a bulk action to stop after its current batch. */
export const cancelBulkActionAction = serverAction({ operation: 'users.bulk', refuseInPlace: true, input: z.tuple([idParam]) }, async ({ principal, input: [id] }) =>
  bulkJobState(await cancelBulkAction(id, principal)),
);
