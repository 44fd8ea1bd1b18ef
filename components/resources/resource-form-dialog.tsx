'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { showFormFailure } from '@/components/forms/show-form-failure';
import { Button } from '@/components/ui/button';
import { fieldDescription, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Dialog } from '@/components/ui/dialog';
import { Select } from '@/components/ui/select';
import { FormErrorSummary } from '@/components/users/form-error-summary';
import { createResourceAction, updateResourceAction } from '@/lib/actions/resources';
import { resourceCreateSchema } from '@/lib/tenants/schemas';

export type TenantOption = { id: string; slug: string; name: string };
export type EditableResource = { id: string; name: string; kind: string; tenantId: string | null };

// The API's rules for name and kind; the select says "" for "no tenant", which the API calls null.
const formSchema = z.object({ name: resourceCreateSchema.shape.name, kind: resourceCreateSchema.shape.kind, tenantId: z.string() });
type FormValues = z.input<typeof formSchema>;
const FIELDS = ['name', 'kind', 'tenantId'] as const;

// Suggestions only: any kind is accepted.
const KIND_SUGGESTIONS = ['workflow', 'dataset', 'report', 'dashboard', 'connector'];
const KIND_HINT = 'What it is, for example workflow, dataset or report.';

type ResourceFormDialogProps = {
  /** The resource to edit; without it, the dialog creates one. */
  resource?: EditableResource;
  tenants: TenantOption[];
  /** Only a system admin may leave a resource without a tenant. */
  allowGlobal: boolean;
  onClose: () => void;
};

/** Creates a resource (then goes to its page) or edits one, with each error beside its field. */
export function ResourceFormDialog({ resource, tenants, allowGlobal, onClose }: ResourceFormDialogProps) {
  const form = useForm<FormValues, unknown, z.output<typeof formSchema>>({
    resolver: zodResolver(formSchema),
    defaultValues: { name: resource?.name ?? '', kind: resource?.kind ?? '', tenantId: resource ? (resource.tenantId ?? '') : allowGlobal ? '' : (tenants[0]?.id ?? '') },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const input = { ...values, tenantId: values.tenantId || null };
    const result = resource ? await updateResourceAction(resource.id, input) : await createResourceAction(input);
    if (result.ok) return onClose();
    showFormFailure(form, result, FIELDS);
  });

  const tenantHint = allowGlobal ? 'The tenant’s admins manage the roles on it. A global resource is managed by system admins only.' : 'One of the tenants you administer.';
  return (
    <Dialog title={resource ? `Edit ${resource.name}` : 'New resource'} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4 text-sm">
        <FormErrorSummary message={errors.root?.server?.message} />
        <FormField id="resource-name" label="Name" error={errors.name?.message}>
          <Input {...fieldDescription('resource-name', { error: errors.name?.message })} autoComplete="off" autoFocus {...form.register('name')} />
        </FormField>
        <FormField id="resource-kind" label="Kind" hint={KIND_HINT} error={errors.kind?.message}>
          <Input
            {...fieldDescription('resource-kind', { hint: KIND_HINT, error: errors.kind?.message })}
            list="resource-kind-suggestions"
            autoComplete="off"
            {...form.register('kind')}
          />
          <datalist id="resource-kind-suggestions">
            {KIND_SUGGESTIONS.map((kind) => (
              <option key={kind} value={kind} />
            ))}
          </datalist>
        </FormField>
        <FormField id="resource-tenant" label="Tenant" hint={tenantHint} error={errors.tenantId?.message}>
          <Select {...fieldDescription('resource-tenant', { hint: tenantHint, error: errors.tenantId?.message })} {...form.register('tenantId')}>
            {allowGlobal && <option value="">No tenant (global)</option>}
            {tenants.map((tenant) => (
              <option key={tenant.id} value={tenant.id}>
                {tenant.name} ({tenant.slug})
              </option>
            ))}
          </Select>
        </FormField>
        <div className="flex flex-wrap justify-end gap-2 pt-1">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={isSubmitting}>
            {resource ? (isSubmitting ? 'Saving…' : 'Save') : isSubmitting ? 'Creating…' : 'Create resource'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
