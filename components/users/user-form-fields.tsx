'use client';

import { Controller, type FieldValues, type UseFormReturn } from 'react-hook-form';
import { fieldDescription, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { TagInput } from '@/components/ui/tag-input';
import { Textarea } from '@/components/ui/textarea';
import { SETTABLE_STATUSES, USER_ROLES } from '@/lib/schemas/users';
import { USER_FORM_LABELS, type UserFormField, type UserFormValues } from './user-form-values';

/** The first message in a field's error, which for a list (scopes) may sit on one of its items. */
function errorMessage(error: unknown): string | undefined {
  if (Array.isArray(error)) return error.map(errorMessage).find(Boolean);
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string' && error.message) return error.message;
  if (error && typeof error === 'object' && 'root' in error) return errorMessage(error.root);
  return undefined;
}

const fieldId = (name: UserFormField) => `user-${name}`;

type UserFormFieldsProps<TOutput extends FieldValues> = {
  form: UseFormReturn<UserFormValues, unknown, TOutput>;
  mode: 'create' | 'edit';
  timezones: string[];
  /** For editing a user whose status cannot be picked (pending, deleting): what the status select says it stays. */
  unchangeableStatus?: string;
};

/** The fields of the new-user and edit-user forms, in sections. */
export function UserFormFields<TOutput extends FieldValues>({ form, mode, timezones, unchangeableStatus }: UserFormFieldsProps<TOutput>) {
  const { register, control } = form;
  const errors = form.formState.errors;

  const textField = (name: UserFormField, options: { type?: string; hint?: React.ReactNode; autoComplete?: string; placeholder?: string; list?: string; max?: string } = {}) => {
    const { hint, ...inputProps } = options;
    const error = errorMessage(errors[name]);
    return (
      <FormField id={fieldId(name)} label={USER_FORM_LABELS[name]} hint={hint} error={error}>
        <Input {...inputProps} {...fieldDescription(fieldId(name), { hint, error })} {...register(name)} />
      </FormField>
    );
  };

  const tagField = (name: 'scope' | 'vendor', itemName: string, hint: React.ReactNode) => {
    const error = errorMessage(errors[name]);
    return (
      <FormField id={fieldId(name)} label={USER_FORM_LABELS[name]} hint={hint} error={error}>
        <Controller
          control={control}
          name={name}
          render={({ field }) => (
            <TagInput {...fieldDescription(fieldId(name), { hint, error })} itemName={itemName} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />
          )}
        />
      </FormField>
    );
  };

  const selectField = (name: 'role' | 'status', options: { value: string; label: string }[]) => {
    const error = errorMessage(errors[name]);
    return (
      <FormField id={fieldId(name)} label={USER_FORM_LABELS[name]} error={error}>
        <Select {...fieldDescription(fieldId(name), { error })} {...register(name)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      </FormField>
    );
  };

  const metadataError = errorMessage(errors.metadata);
  const metadataHint = 'A JSON object, such as {"costCenter": "R&D"}. Up to 16 KB.';

  return (
    <>
      <FormSection title="Account">
        {textField('email', { type: 'email', autoComplete: 'off' })}
        {textField('username', { autoComplete: 'off', hint: mode === 'create' ? 'Leave empty to use the email.' : undefined })}
        {mode === 'create' &&
          textField('password', {
            type: 'password',
            autoComplete: 'new-password',
            hint: 'Leave empty to invite: the user is created as pending and mailed a link to choose a password.',
          })}
        {mode === 'edit' &&
          selectField('status', [
            ...(unchangeableStatus ? [{ value: '', label: `${unchangeableStatus} (unchanged)` }] : []),
            ...SETTABLE_STATUSES.map((status) => ({ value: status, label: status })),
          ])}
        {selectField(
          'role',
          USER_ROLES.map((role) => ({ value: role, label: role })),
        )}
      </FormSection>

      <FormSection title="Access">
        {tagField('scope', 'scope', <>Press Enter or type a comma to add one. The <code>admin</code> scope makes the user a system administrator.</>)}
        {tagField('vendor', 'vendor', 'Press Enter or type a comma to add one.')}
        {textField('plan')}
      </FormSection>

      <FormSection title="Profile">
        {textField('firstName', { autoComplete: 'off' })}
        {textField('lastName', { autoComplete: 'off' })}
        {textField('department')}
        {textField('city')}
        {textField('country')}
        {textField('dateOfBirth', { type: 'date' })}
        {textField('phoneLand', { type: 'tel', placeholder: '+44 20 7946 0000' })}
        {textField('phoneMobile', { type: 'tel', placeholder: '+44 7700 900000' })}
        {textField('timezone', { list: 'user-timezones', placeholder: 'Europe/Paris', hint: 'Type to search the IANA names.' })}
        <datalist id="user-timezones">
          {timezones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </FormSection>

      <FormSection title="Metadata">
        <FormField id={fieldId('metadata')} label={USER_FORM_LABELS.metadata} hint={metadataHint} error={metadataError} className="sm:col-span-2">
          <Textarea rows={6} spellCheck={false} className="font-mono text-xs" {...fieldDescription(fieldId('metadata'), { hint: metadataHint, error: metadataError })} {...register('metadata')} />
        </FormField>
      </FormSection>
    </>
  );
}

function FormSection({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <legend className="px-1 text-sm font-semibold text-slate-900">{title}</legend>
      <div className="grid gap-4 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}
