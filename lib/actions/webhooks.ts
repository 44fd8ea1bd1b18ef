'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { idParam } from '@/lib/api/id-param';
import { createWebhookEndpoint, deleteWebhookEndpoint, redeliverWebhookDelivery, updateWebhookEndpoint } from '@/lib/webhooks/endpoints';
import { webhookCreateSchema } from '@/lib/webhooks/schemas';
import { serverAction } from './server-action';

/** The Settings → Webhooks page's changes: the same lib/ functions and schemas as /api/v1/webhooks. */

const WEBHOOKS_PAGE = '/settings/webhooks';

/** Registers an endpoint and answers its signing secret, for the page to show once. */
export const createWebhookAction = serverAction({ operation: 'webhooks.manage', input: z.tuple([webhookCreateSchema]) }, async ({ actor, input: [values] }) => {
  const { id, secret } = await createWebhookEndpoint(values, actor);
  revalidatePath(WEBHOOKS_PAGE, 'layout');
  return { id, secret };
});

/** Saves the edit form; the form always sends every field, so the create schema checks it. */
export const updateWebhookAction = serverAction(
  { operation: 'webhooks.manage', input: z.tuple([idParam, webhookCreateSchema.omit({ enabled: true })]), refuseInPlace: true },
  async ({ input: [id, values] }) => {
    await updateWebhookEndpoint(id, values);
    revalidatePath(WEBHOOKS_PAGE, 'layout');
  },
);

export const setWebhookEnabledAction = serverAction({ operation: 'webhooks.manage', input: z.tuple([idParam, z.boolean()]), refuseInPlace: true }, async ({ input: [id, enabled] }) => {
  await updateWebhookEndpoint(id, { enabled });
  revalidatePath(WEBHOOKS_PAGE, 'layout');
});

/** Deletes an endpoint; from its own page (`backToList`) it goes to the list. */
export const deleteWebhookAction = serverAction({ operation: 'webhooks.manage', input: z.tuple([idParam, z.boolean()]), refuseInPlace: true }, async ({ input: [id, backToList] }) => {
  await deleteWebhookEndpoint(id);
  revalidatePath(WEBHOOKS_PAGE, 'layout');
  if (backToList) redirect(WEBHOOKS_PAGE);
});

export const redeliverWebhookAction = serverAction({ operation: 'webhooks.manage', input: z.tuple([idParam, idParam]), refuseInPlace: true }, async ({ input: [id, deliveryId] }) => {
  await redeliverWebhookDelivery(id, deliveryId);
  revalidatePath(`${WEBHOOKS_PAGE}/${id}`);
});
