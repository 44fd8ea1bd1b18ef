'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { ApiError } from '@/lib/api/errors';
import { fieldErrors } from '@/lib/api/problem';
import { requireOperation } from '@/lib/auth/session';
import { formFailure, type FormFailure } from '@/lib/form-result';
import { createResource, deleteResource, getResource, updateResource } from '@/lib/resources';
import { idParam } from '@/lib/schemas/ids';
import { resourceCreateSchema } from '@/lib/schemas/tenants';
import { actorOf } from '../current-actor';

/** Creates the resource and goes to its page, where roles on it are granted; or says what to fix. */
export async function createResourceAction(input: unknown): Promise<FormFailure> {
  const principal = await requireOperation('resources.manage');
  const parsed = resourceCreateSchema.safeParse(input);
  if (!parsed.success) return { message: 'Check the highlighted fields.', fieldErrors: fieldErrors(parsed.error) };
  let id: string;
  try {
    id = createResource(principal, parsed.data, await actorOf(principal)).id;
  } catch (error) {
    return formFailure(error);
  }
  revalidatePath('/resources');
  redirect(`/resources/${id}?created=1`);
}

/** Renames, re-kinds or moves a resource; null when saved. The schema is the create one: the form always sends every field. */
export async function updateResourceAction(resourceId: string, input: unknown): Promise<FormFailure | null> {
  const principal = await requireOperation('resources.manage');
  const id = idParam.parse(resourceId);
  const parsed = resourceCreateSchema.safeParse(input);
  if (!parsed.success) return { message: 'Check the highlighted fields.', fieldErrors: fieldErrors(parsed.error) };
  try {
    updateResource(principal, id, { ...parsed.data, tenantId: parsed.data.tenantId ?? null }, await actorOf(principal));
  } catch (error) {
    return formFailure(error);
  }
  revalidatePath('/resources', 'layout');
  return null;
}

/**
 * Deletes the resource and, with it, every role granted on it. From the resource's own page
 * (`backToList`) it goes to the list, rather than re-rendering a page that no longer exists.
 */
export async function deleteResourceAction(resourceId: string, backToList: boolean): Promise<{ ok: true } | { ok: false; message: string }> {
  const principal = await requireOperation('resources.manage');
  const id = idParam.parse(resourceId);
  let name: string;
  try {
    name = getResource(principal, id).name;
    deleteResource(principal, id, await actorOf(principal));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { ok: false, message: 'This resource no longer exists: someone else deleted it.' };
    throw error;
  }
  revalidatePath('/resources', 'layout');
  if (backToList) redirect(`/resources?deleted=${encodeURIComponent(name)}`);
  return { ok: true };
}
