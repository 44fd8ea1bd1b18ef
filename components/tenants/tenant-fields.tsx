'use client';

import type { FieldValues, UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { fieldDescription, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import type { tenantCreateSchema } from '@/lib/tenants/schemas';

export type TenantFormValues = z.input<typeof tenantCreateSchema>;
export const TENANT_FIELDS = ['name', 'slug'] as const;
type TenantForm<TOutput extends FieldValues> = UseFormReturn<TenantFormValues, unknown, TOutput>;

const SLUG_HINT = 'Lowercase letters, digits and hyphens. It names the tenant in addresses and filters (tenant:acme).';

/** A slug suggested from the name ("Acme Corp." → "acme-corp"), until the slug is typed by hand. */
function suggestSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/** The name and slug inputs of the new-tenant form and the rename dialog, each with its error beside it. */
export function TenantFields<TOutput extends FieldValues>({ form, idPrefix, suggestSlugFromName = false }: { form: TenantForm<TOutput>; idPrefix: string; suggestSlugFromName?: boolean }) {
  const { errors } = form.formState;
  const nameId = `${idPrefix}-name`;
  const slugId = `${idPrefix}-slug`;
  return (
    <>
      <FormField id={nameId} label="Name" error={errors.name?.message}>
        <Input
          autoComplete="off"
          {...fieldDescription(nameId, { error: errors.name?.message })}
          {...form.register('name', {
            onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
              if (suggestSlugFromName && !form.getFieldState('slug').isDirty) form.setValue('slug', suggestSlug(event.target.value));
            },
          })}
        />
      </FormField>
      <FormField id={slugId} label="Slug" hint={SLUG_HINT} error={errors.slug?.message}>
        <Input autoComplete="off" spellCheck={false} autoCapitalize="none" {...fieldDescription(slugId, { hint: SLUG_HINT, error: errors.slug?.message })} {...form.register('slug')} />
      </FormField>
    </>
  );
}
