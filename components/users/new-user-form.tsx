'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { createUserAction } from '@/app/(admin)/users/new/actions';
import { Button, buttonClassName } from '@/components/ui/button';
import { FormErrorSummary } from './form-error-summary';
import { showFormFailure } from './form-failure';
import { UserFormFields } from './user-form-fields';
import { newUserFormSchema, type UserFormValues } from './user-form-values';

export function NewUserForm({ defaultValues, timezones }: { defaultValues: UserFormValues; timezones: string[] }) {
  const form = useForm<UserFormValues, unknown, z.output<typeof newUserFormSchema>>({ resolver: zodResolver(newUserFormSchema), defaultValues });
  const { isSubmitting, errors } = form.formState;

  // On success the action redirects to the new user's page; it only returns to say what to fix.
  const onSubmit = form.handleSubmit(async (input) => {
    const failure = await createUserAction(input);
    if (failure) showFormFailure(form, failure);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <FormErrorSummary message={errors.root?.server?.message} />
      <UserFormFields form={form} mode="create" timezones={timezones} />
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
