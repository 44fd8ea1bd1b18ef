'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { showFormFailure } from '@/components/forms/show-form-failure';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { createTenantAction } from '@/lib/actions/tenants';
import { tenantCreateSchema } from '@/lib/tenants/schemas';
import { TENANT_FIELDS, TenantFields, type TenantFormValues } from './tenant-fields';

/** A system admin's "New tenant": on success the action goes to the new tenant's page. */
export function NewTenantForm() {
  const form = useForm<TenantFormValues, unknown, z.output<typeof tenantCreateSchema>>({ resolver: zodResolver(tenantCreateSchema), defaultValues: { name: '', slug: '' } });
  const { isSubmitting, errors } = form.formState;

  const onSubmit = form.handleSubmit(async (input) => {
    const failure = await createTenantAction(input);
    showFormFailure(form, failure, TENANT_FIELDS);
  });

  return (
    <section aria-labelledby="new-tenant-title" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id="new-tenant-title" className="text-base font-semibold text-slate-900">
        New tenant
      </h2>
      <form onSubmit={onSubmit} noValidate className="mt-3 space-y-3">
        {errors.root?.server && <Alert aria-label="Form error">{errors.root.server.message}</Alert>}
        <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] md:items-start">
          <TenantFields form={form} idPrefix="new-tenant" suggestSlugFromName />
          <Button type="submit" disabled={isSubmitting} className="md:mt-6">
            {isSubmitting ? 'Creating…' : 'Create tenant'}
          </Button>
        </div>
      </form>
    </section>
  );
}
