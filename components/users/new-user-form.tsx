'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { showFormFailure } from '@/components/forms/show-form-failure';
import { Button, buttonClassName } from '@/components/ui/button';
import { createUserAction } from '@/lib/actions/create-user';
import { newUserFormSchema, USER_FORM_FIELDS, withoutFields, type AdminOnlyFormField, type UserFormValues } from '@/lib/users/form-values';
import { FormErrorSummary } from './form-error-summary';
import { UserFormFields, type TenantChoice } from './user-form-fields';

type NewUserFormProps = {
  defaultValues: UserFormValues;
  timezones: string[];
  /** What a tenant admin may not choose (role, scopes, vendors, plan): shown with their defaults. */
  fixedFields: readonly AdminOnlyFormField[];
  tenantChoice: TenantChoice | undefined;
};

export function NewUserForm({ defaultValues, timezones, fixedFields, tenantChoice }: NewUserFormProps) {
  const form = useForm<UserFormValues, unknown, z.output<typeof newUserFormSchema>>({ resolver: zodResolver(newUserFormSchema), defaultValues });
  const { isSubmitting, errors } = form.formState;

  // On success the action redirects to the new user's page; it only returns to say what to fix.
  const onSubmit = form.handleSubmit(async (input) => {
    const failure = await createUserAction(withoutFields(input, fixedFields));
    showFormFailure(form, failure, USER_FORM_FIELDS);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <FormErrorSummary message={errors.root?.server?.message} />
      <UserFormFields form={form} mode="create" timezones={timezones} fixedFields={fixedFields} tenantChoice={tenantChoice} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Creating…' : 'Create user'}
        </Button>
        <Link href="/users" className={buttonClassName('ghost')}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
