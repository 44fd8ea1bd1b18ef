'use client';

import { Controller, useWatch, type FieldValues, type UseFormReturn } from 'react-hook-form';
import { Checkbox } from '@/components/ui/checkbox';
import { fieldDescription, FormField } from '@/components/ui/form-field';
import { Input, Label } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { TagInput } from '@/components/ui/tag-input';
import { Textarea } from '@/components/ui/textarea';
import { SETTABLE_STATUSES, USER_ROLES } from '@/lib/users/schemas';
import { formValueText, USER_FORM_LABELS, type AdminOnlyFormField, type UserFormField, type UserFormValues } from '@/lib/users/form-values';

/** The first message in a field's error, which for a list (scopes) may sit on one of its items. */
function errorMessage(error: unknown): string | undefined {
  if (Array.isArray(error)) return error.map(errorMessage).find(Boolean);
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string' && error.message) return error.message;
  if (error && typeof error === 'object' && 'root' in error) return errorMessage(error.root);
  return undefined;
}

const fieldId = (name: UserFormField) => `user-${name}`;

/** New-user form: the tenants the user may join; `required` for a tenant admin, whose users belong to one of their tenants. */
export type TenantChoice = { options: { value: string; label: string }[]; required: boolean };

type UserFormFieldsProps<TOutput extends FieldValues> = {
  form: UseFormReturn<UserFormValues, unknown, TOutput>;
  mode: 'create' | 'edit';
  timezones: string[];
  /** For editing a user whose status cannot be picked (pending, deleting): what the status select says it stays. */
  unchangeableStatus?: string;
  /** Fields the caller may not set (a tenant admin's): shown, not editable. */
  fixedFields?: readonly AdminOnlyFormField[];
  tenantChoice?: TenantChoice;
};

/** The fields of the new-user and edit-user forms, in sections. */
export function UserFormFields<TOutput extends FieldValues>({ form, mode, timezones, unchangeableStatus, fixedFields = [], tenantChoice }: UserFormFieldsProps<TOutput>) {
  const { register, control } = form;
  const errors = form.formState.errors;
  const password = useWatch({ control, name: 'password' });

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

  const selectField = (name: 'role' | 'status' | 'tenant', options: { value: string; label: string }[], hint?: string) => {
    const error = errorMessage(errors[name]);
    return (
      <FormField id={fieldId(name)} label={USER_FORM_LABELS[name]} hint={hint} error={error}>
        <Select {...fieldDescription(fieldId(name), { hint, error })} {...register(name)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      </FormField>
    );
  };

  const fixedField = (name: AdminOnlyFormField, editable: () => React.ReactNode) => {
    if (!fixedFields.includes(name)) return editable();
    return (
      <div>
        <p className="mb-1 text-sm font-medium text-slate-700">{USER_FORM_LABELS[name]}</p>
        <p className="text-sm text-slate-900">{formValueText(name, form.getValues()) || 'None'}</p>
        <p className="mt-1 text-xs text-slate-500">Only a system admin can change this.</p>
      </div>
    );
  };

  const metadataError = errorMessage(errors.metadata);
  const metadataHint = 'A JSON object, such as {"costCenter": "R&D"}. Up to 16 KB.';

  return (
    <>
      <FormSection title="Account">
        {textField('email', { type: 'email', autoComplete: 'off' })}
        {textField('username', { autoComplete: 'off', hint: mode === 'create' ? 'Leave empty to use the email.' : undefined })}
        {mode === 'create' && (
          <div>
            {textField('password', {
              type: 'password',
              autoComplete: 'new-password',
              hint: 'Leave empty to invite: the user is created as pending and chooses their own password.',
            })}
            {!password && (
              <div className="mt-3 flex items-start gap-2">
                <Controller
                  control={control}
                  name="sendInvite"
                  render={({ field }) => (
                    <Checkbox
                      id={fieldId('sendInvite')}
                      className="mt-0.5"
                      aria-describedby={`${fieldId('sendInvite')}-hint`}
                      checked={field.value ?? false}
                      onChange={(event) => field.onChange(event.target.checked)}
                      onBlur={field.onBlur}
                    />
                  )}
                />
                <div>
                  <Label htmlFor={fieldId('sendInvite')} className="mb-0 cursor-pointer">
                    {USER_FORM_LABELS.sendInvite}
                  </Label>
                  <p id={`${fieldId('sendInvite')}-hint`} className="text-xs text-slate-500">
                    Mails them a link to choose a password. Untick to send it later from their page.
                  </p>
                </div>
              </div>
            )}
          </div>
        )}
        {mode === 'edit' &&
          selectField('status', [
            ...(unchangeableStatus ? [{ value: '', label: `${unchangeableStatus} (unchanged)` }] : []),
            ...SETTABLE_STATUSES.map((status) => ({ value: status, label: status })),
          ])}
        {fixedField('role', () =>
          selectField(
            'role',
            USER_ROLES.map((role) => ({ value: role, label: role })),
          ),
        )}
        {mode === 'create' &&
          tenantChoice &&
          selectField(
            'tenant',
            [
              // A tenant admin of one tenant has nothing to choose: it is preselected.
              ...(tenantChoice.required && tenantChoice.options.length === 1 ? [] : [{ value: '', label: tenantChoice.required ? 'Choose a tenant' : 'None' }]),
              ...tenantChoice.options,
            ],
            tenantChoice.required ? 'The user becomes a member of this tenant.' : 'Optional: the user becomes a member of this tenant.',
          )}
      </FormSection>

      <FormSection title="Access">
        {fixedField('scope', () => tagField('scope', 'scope', <>Press Enter or type a comma to add one. The <code>admin</code> scope makes the user a system administrator.</>))}
        {fixedField('vendor', () => tagField('vendor', 'vendor', 'Press Enter or type a comma to add one.'))}
        {fixedField('plan', () => textField('plan'))}
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
