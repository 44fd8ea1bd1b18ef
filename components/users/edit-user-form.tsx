'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { showFormFailure } from '@/components/forms/show-form-failure';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClassName } from '@/components/ui/button';
import { EditUserConflict } from './edit-user-conflict';
import { FormErrorSummary } from './form-error-summary';
import { UserFormFields } from './user-form-fields';
import { updateUserAction } from '@/lib/actions/update-user';
import { differingFields, editUserFormSchema, USER_FORM_FIELDS, withoutFields, type AdminOnlyFormField, type UserFormValues } from '@/lib/users/form-values';

/** Their saved version, and this form's values when the save was refused. */
type Conflict = { message: string; saved: UserFormValues; version: number; mine: UserFormValues };

type EditUserFormProps = {
  userId: string;
  /** The user's version when the page loaded: a save succeeds only if nobody saved since. */
  version: number;
  values: UserFormValues;
  timezones: string[];
  unchangeableStatus?: string;
  /** What this caller may not change (a tenant admin: scopes): shown, not sent. */
  fixedFields: readonly AdminOnlyFormField[];
};

export function EditUserForm({ userId, version, values, timezones, unchangeableStatus, fixedFields }: EditUserFormProps) {
  const form = useForm<UserFormValues, unknown, z.output<typeof editUserFormSchema>>({ resolver: zodResolver(editUserFormSchema), defaultValues: values });
  const { isSubmitting, errors } = form.formState;
  const [baseVersion, setBaseVersion] = useState(version);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saved, setSaved] = useState(false);
  const router = useRouter();

  const onSubmit = form.handleSubmit(async (input) => {
    setSaved(false);
    const result = await updateUserAction(userId, baseVersion, withoutFields(input, fixedFields));
    if (!result.ok && 'saved' in result) {
      setConflict({ message: result.message, saved: result.saved.values, version: result.saved.version, mine: form.getValues() });
      // The page around the form (its title, the facts beside it) shows the saved version too; the form keeps the edit.
      router.refresh();
      return;
    }
    if (!result.ok) {
      showFormFailure(form, result, USER_FORM_FIELDS);
      return;
    }
    form.reset(result.values);
    setBaseVersion(result.version);
    setConflict(null);
    setSaved(true);
  });

  const loadSaved = (current: Conflict) => {
    form.reset(current.saved);
    setBaseVersion(current.version);
    setConflict(null);
  };
  // The edit stays in the form; the next save is made against their version, knowingly.
  const keepMine = (current: Conflict) => {
    setBaseVersion(current.version);
    setConflict(null);
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" onChange={() => setSaved(false)}>
      {conflict && (
        <EditUserConflict
          message={conflict.message}
          saved={conflict.saved}
          mine={conflict.mine}
          fields={differingFields(conflict.saved, conflict.mine)}
          onLoadSaved={() => loadSaved(conflict)}
          onKeepMine={() => keepMine(conflict)}
        />
      )}
      <FormErrorSummary message={errors.root?.server?.message} />
      <UserFormFields form={form} mode="edit" timezones={timezones} unchangeableStatus={unchangeableStatus} fixedFields={fixedFields} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save changes'}
        </Button>
        <Link href="/users" className={buttonClassName('ghost')}>
          Back to users
        </Link>
        {saved && (
          <Alert tone="info" className="py-1.5">
            Saved.
          </Alert>
        )}
      </div>
    </form>
  );
}
