'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { showFormFailure } from '@/components/forms/show-form-failure';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { fieldDescription, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { updatePasswordPolicyAction } from '@/lib/actions/settings';
import type { PasswordPolicySettings } from '@/lib/passwords/policy-settings';
import { CHARACTER_CLASS_NAMES, CHARACTER_CLASSES, COMMON_PASSWORD_RULE, PASSWORD_MIN_LENGTH_BOUNDS, passwordRules, type CharacterClass } from '@/lib/passwords/rules';
import { passwordPolicySchema } from '@/lib/passwords/schemas';

type PolicyValues = z.input<typeof passwordPolicySchema>;

const MIN_LENGTH_ID = 'policy-min-length';
const CLASSES_ID = 'policy-required-classes';

/**
 * The password policy: minimum length and required character classes, with the rules as
 * people choosing a password will read them. A value pinned by the environment is shown, not
 * editable, with where to change it.
 */
export function PasswordPolicyForm({ settings }: { settings: PasswordPolicySettings }) {
  const form = useForm<PolicyValues, unknown, z.output<typeof passwordPolicySchema>>({
    resolver: zodResolver(passwordPolicySchema),
    defaultValues: { minLength: settings.minLength, requiredClasses: settings.requiredClasses },
  });
  const { isSubmitting, errors } = form.formState;
  const [saved, setSaved] = useState(false);
  const [minLength, requiredClasses] = useWatch({ control: form.control, name: ['minLength', 'requiredClasses'] });
  const previewRules = [
    // While the box is empty or out of range the preview keeps the saved length.
    ...passwordRules({
      minLength: Number.isInteger(minLength) && minLength >= PASSWORD_MIN_LENGTH_BOUNDS.min && minLength <= PASSWORD_MIN_LENGTH_BOUNDS.max ? minLength : settings.minLength,
      requiredClasses: CHARACTER_CLASS_NAMES.filter((name) => requiredClasses.includes(name)),
    }).map((rule) => rule.text),
    COMMON_PASSWORD_RULE,
  ];

  const onSubmit = form.handleSubmit(async (input) => {
    setSaved(false);
    const result = await updatePasswordPolicyAction(input);
    if (result.ok) {
      form.reset({ minLength: result.settings.minLength, requiredClasses: result.settings.requiredClasses });
      setSaved(true);
      return;
    }
    showFormFailure(form, result, ['minLength', 'requiredClasses']);
  });

  const minLengthHint = settings.pinned.minLength
    ? 'Set by PASSWORD_MIN_LENGTH in the server’s environment: change it there.'
    : `From ${PASSWORD_MIN_LENGTH_BOUNDS.min} to ${PASSWORD_MIN_LENGTH_BOUNDS.max} characters. 12 or more is recommended.`;
  const minLengthError = errors.minLength?.message;
  const classesError = errors.requiredClasses?.message ?? errors.requiredClasses?.root?.message;
  const classesHint = settings.pinned.requiredClasses
    ? 'Set by PASSWORD_REQUIRED_CLASSES in the server’s environment: change it there.'
    : 'Length does more for a password than character classes; leave these off unless a rule requires them.';

  return (
    <form onSubmit={onSubmit} noValidate onChange={() => setSaved(false)} className="space-y-5">
      {errors.root?.server && <Alert aria-label="Form error">{errors.root.server.message}</Alert>}
      <div className="grid gap-5 md:grid-cols-[minmax(0,1fr)_minmax(0,18rem)]">
        <div className="space-y-5">
          <FormField id={MIN_LENGTH_ID} label="Minimum length" hint={minLengthHint} error={minLengthError} className="max-w-sm">
            <div className="w-28">
              <Input
                type="number"
                inputMode="numeric"
                min={PASSWORD_MIN_LENGTH_BOUNDS.min}
                max={PASSWORD_MIN_LENGTH_BOUNDS.max}
                step={1}
                readOnly={settings.pinned.minLength}
                className="read-only:bg-slate-50 read-only:text-slate-600"
                {...fieldDescription(MIN_LENGTH_ID, { hint: minLengthHint, error: minLengthError })}
                {...form.register('minLength', { valueAsNumber: true })}
              />
            </div>
          </FormField>

          <fieldset aria-describedby={[classesError && `${CLASSES_ID}-error`, `${CLASSES_ID}-hint`].filter(Boolean).join(' ')}>
            <legend className="mb-1 text-sm font-medium text-slate-700">Every password must contain</legend>
            <ul className="space-y-1.5">
              {CHARACTER_CLASS_NAMES.map((name) => (
                <li key={name}>
                  <label className="inline-flex cursor-pointer items-center gap-2 text-sm text-slate-800 has-disabled:cursor-default has-disabled:text-slate-500">
                    {settings.pinned.requiredClasses ? (
                      // Pinned: shown, not part of the form (the saved value is sent as it is).
                      <input type="checkbox" className="size-4 accent-indigo-600" checked={settings.requiredClasses.includes(name)} disabled readOnly />
                    ) : (
                      <input type="checkbox" className="size-4 cursor-pointer accent-indigo-600" value={name} {...form.register('requiredClasses')} />
                    )}
                    {classLabel(name)}
                  </label>
                </li>
              ))}
            </ul>
            <p id={`${CLASSES_ID}-hint`} className="mt-1 text-xs text-slate-500">
              {classesHint}
            </p>
            {classesError && (
              <p id={`${CLASSES_ID}-error`} className="mt-1 text-sm text-red-700">
                {classesError}
              </p>
            )}
          </fieldset>
        </div>

        <section aria-labelledby="policy-preview-title" className="self-start rounded-md border border-slate-200 bg-slate-50 p-4">
          <h3 id="policy-preview-title" className="text-sm font-semibold text-slate-900">
            What people will read
          </h3>
          <p className="mt-0.5 text-xs text-slate-600">Beside every new password field:</p>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700" data-testid="policy-preview">
            {previewRules.map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        </section>
      </div>

      <p className="text-sm text-slate-600">The policy applies to passwords chosen from now on. Existing passwords keep working.</p>
      {saved && <Alert tone="success">Password policy saved.</Alert>}
      <Button type="submit" disabled={isSubmitting || (settings.pinned.minLength && settings.pinned.requiredClasses)}>
        {isSubmitting ? 'Saving…' : 'Save policy'}
      </Button>
    </form>
  );
}

/** "a lowercase letter" as a checkbox's label: "A lowercase letter". */
function classLabel(name: CharacterClass): string {
  const { label } = CHARACTER_CLASSES[name];
  return label.charAt(0).toUpperCase() + label.slice(1);
}
