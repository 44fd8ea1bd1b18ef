'use client';

import { useEffect, useId, useState } from 'react';
import { Input, Label } from '@/components/ui/input';
import { cn } from '@/lib/pages/cn';
import { COMMON_PASSWORD_RULE, guessableInputs, MIN_PASSWORD_SCORE, PASSWORD_MAX_LENGTH, passwordRules, type PasswordPolicy } from '@/lib/passwords/rules';

type StrengthEstimator = { check: (password: string, userInputs: string[]) => { score: number } };

// zxcvbn's dictionaries weigh about a megabyte: fetched once, when someone first types a password.
let estimatorPromise: Promise<StrengthEstimator> | undefined;

function loadStrengthEstimator(): Promise<StrengthEstimator> {
  estimatorPromise ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([{ ZxcvbnFactory }, { dictionary, adjacencyGraphs }]) => new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs }),
  );
  return estimatorPromise;
}

// The same reading of zxcvbn's 0-4 score as the server's policy: below 2 is refused.
const STRENGTHS = ['weak', 'weak', 'fair', 'good', 'strong'] as const;
const STRENGTH_COLORS = { weak: 'bg-red-600', fair: 'bg-amber-500', good: 'bg-emerald-500', strong: 'bg-emerald-700' } as const;

export type NewPasswordFieldProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, 'type' | 'name' | 'autoComplete' | 'value'> & {
  name: string;
  label: string;
  policy: PasswordPolicy;
  /** The server's (or the form's) reason for refusing the password, shown beside the field. */
  error?: string;
  /** Extra guidance under the label, such as "leave empty to invite". */
  hint?: React.ReactNode;
  /** The user's email and names: a password built from them counts as easy to guess. */
  userInputs?: string[];
  autoComplete?: 'new-password';
  /** For a controlled input. With register() leave it out: the field follows the typing itself (pass watch(name) if the form resets it to another value). */
  value?: string;
  ref?: React.Ref<HTMLInputElement>;
};

/**
 * A field for choosing a password: the policy's rules up front, ticked off while typing, a
 * show/hide toggle and a strength estimate. Spread react-hook-form's `register(name)` into it.
 */
export function NewPasswordField({
  name,
  label,
  policy,
  error,
  hint,
  userInputs = [],
  autoComplete = 'new-password',
  value,
  id: givenId,
  className,
  onChange,
  onFocus,
  ...inputProps
}: NewPasswordFieldProps) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const [typed, setTyped] = useState('');
  const password = value ?? typed;
  const [visible, setVisible] = useState(false);
  const [estimator, setEstimator] = useState<StrengthEstimator>();

  const startLoadingEstimator = () => {
    if (!estimator) void loadStrengthEstimator().then(setEstimator);
  };
  // A value set from outside (a controlled field, a browser's autofill) also needs the estimate.
  useEffect(() => {
    if (password && !estimator) void loadStrengthEstimator().then(setEstimator);
  }, [password, estimator]);

  const score = estimator && password ? estimator.check(password.slice(0, PASSWORD_MAX_LENGTH), guessableInputs(userInputs)).score : undefined;
  const rules = [...passwordRules(policy), { text: COMMON_PASSWORD_RULE, met: () => score !== undefined && score >= MIN_PASSWORD_SCORE }];
  const strength = score === undefined ? undefined : STRENGTHS[score];

  const describedBy = [error && `${id}-error`, hint && `${id}-hint`, `${id}-rules`].filter(Boolean).join(' ');

  return (
    <div className={className}>
      <Label htmlFor={id}>{label}</Label>
      {hint && (
        <p id={`${id}-hint`} className="mb-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <div className="relative">
        <Input
          // Carries react-hook-form's ref through to the <input>.
          {...inputProps}
          id={id}
          name={name}
          type={visible ? 'text' : 'password'}
          autoComplete={autoComplete}
          // The browser's own spell-checker and capitalisation would leak or alter a visible password.
          spellCheck={false}
          autoCapitalize="off"
          value={value}
          className="pr-16"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onFocus={(event) => {
            startLoadingEstimator();
            onFocus?.(event);
          }}
          onChange={(event) => {
            setTyped(event.target.value);
            onChange?.(event);
          }}
        />
        <button
          type="button"
          aria-controls={id}
          onClick={() => setVisible((shown) => !shown)}
          className="absolute inset-y-0 right-0 rounded-r-md px-3 text-sm font-medium text-indigo-700 hover:bg-slate-50"
        >
          {visible ? 'Hide' : 'Show'}
          {/* In the button's name, not in an aria-label, so getByLabel('Password') finds the input only. */}
          <span className="sr-only"> password</span>
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
      {password && (
        <div className="mt-2 flex items-center gap-3">
          <div
            role="meter"
            aria-label="Password strength"
            aria-valuemin={0}
            aria-valuemax={4}
            aria-valuenow={score ?? 0}
            aria-valuetext={strength ?? 'not estimated yet'}
            className="flex h-1.5 flex-1 gap-1"
          >
            {[1, 2, 3, 4].map((segment) => (
              <span key={segment} className={cn('flex-1 rounded-full', strength && Math.max(score ?? 0, 1) >= segment ? STRENGTH_COLORS[strength] : 'bg-slate-200')} />
            ))}
          </div>
          <p aria-live="polite" className="w-32 shrink-0 text-right text-xs text-slate-700">
            {strength ? `Strength: ${strength}` : 'Strength: checking…'}
          </p>
        </div>
      )}
      <div id={`${id}-rules`} className="mt-2">
        <p className="text-xs font-medium text-slate-600">Your password needs:</p>
        <ul className="mt-1 space-y-0.5">
          {rules.map((rule) => {
            const met = Boolean(password) && rule.met(password);
            return (
              <li key={rule.text} className={cn('flex gap-2 text-xs', met ? 'text-emerald-800' : 'text-slate-600')}>
                <span aria-hidden="true" className="w-3 shrink-0 text-center">
                  {met ? '✓' : '○'}
                </span>
                <span>
                  <span className="sr-only">{met ? 'Done: ' : 'Not yet: '}</span>
                  {rule.text}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
