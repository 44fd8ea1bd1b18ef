'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { showFormFailure } from '@/components/forms/show-form-failure';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { renameTenantAction } from '@/lib/actions/tenants';
import { tenantCreateSchema } from '@/lib/tenants/schemas';
import { TENANT_FIELDS, TenantFields, type TenantFormValues } from './tenant-fields';
import type { TenantToChange } from '@/lib/tenants/tenants';

/** Changes a tenant's name and slug; a taken slug is said beside the slug. */
export function RenameTenantDialog({ tenant, onClose }: { tenant: TenantToChange; onClose: () => void }) {
  // Both fields are always sent, so the form checks them as the create form does.
  const form = useForm<TenantFormValues, unknown, z.output<typeof tenantCreateSchema>>({ resolver: zodResolver(tenantCreateSchema), defaultValues: { name: tenant.name, slug: tenant.slug } });
  const { isSubmitting, errors } = form.formState;

  const onSubmit = form.handleSubmit(async (input) => {
    const result = await renameTenantAction(tenant.id, input);
    if (result.ok) onClose();
    else showFormFailure(form, result, TENANT_FIELDS);
  });

  return (
    <Dialog title={`Rename ${tenant.name}`} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate className="mt-3 space-y-4 text-sm">
        {errors.root?.server && <Alert aria-label="Form error">{errors.root.server.message}</Alert>}
        <TenantFields form={form} idPrefix={`rename-${tenant.id}`} />
        <p className="text-slate-600">Changing the slug changes the tenant’s address; links and filters with the old slug stop working.</p>
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? 'Saving…' : 'Save'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
