'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { ApiError } from '../api/errors';
import { refused } from '@/lib/pages/form-result';
import { createResource, deleteResource, getResource, updateResource } from '@/lib/permissions/resources';
import { idParam } from '@/lib/api/id-param';
import { resourceCreateSchema } from '@/lib/tenants/schemas';
import { serverAction } from './server-action';

/** Creates the resource and goes to its page, where roles on it are granted; or says what to fix. */
export const createResourceAction = serverAction({ operation: 'resources.manage', input: z.tuple([resourceCreateSchema]) }, async ({ principal, actor, input: [values] }) => {
  const { id } = await createResource(principal, values, actor);
  revalidatePath('/resources');
  redirect(`/resources/${id}?created=1`);
});

/** Renames, re-kinds or moves a resource. The schema is the create one: the form always sends every field. */
export const updateResourceAction = serverAction(
  { operation: 'resources.manage', input: z.tuple([idParam, resourceCreateSchema]) },
  async ({ principal, actor, input: [id, values] }) => {
    await updateResource(principal, id, { ...values, tenantId: values.tenantId ?? null }, actor);
    revalidatePath('/resources', 'layout');
  },
);

/**
 * Deletes the resource and, with it, every role granted on it. From the resource's own page
 * (`backToList`) it goes to the list, rather than re-rendering a page that no longer exists.
 */
export const deleteResourceAction = serverAction({ operation: 'resources.manage', input: z.tuple([idParam, z.boolean()]) }, async ({ principal, actor, input: [id, backToList] }) => {
  let name: string;
  try {
    name = (await getResource(principal, id)).name;
    await deleteResource(principal, id, actor);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return refused('This resource no longer exists: someone else deleted it.');
    throw error;
  }
  revalidatePath('/resources', 'layout');
  if (backToList) redirect(`/resources?deleted=${encodeURIComponent(name)}`);
});
