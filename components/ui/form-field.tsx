import { Label } from './input';

/** The ids a control needs so its hint and error are read with it. */
export function fieldDescription(id: string, { hint, error }: { hint?: React.ReactNode; error?: string }) {
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined } as const;
}

/**
 * A label, a control, a hint and an error, linked by ids. The control is given as children
 * and should spread `fieldDescription(id, { hint, error })`.
 */
export function FormField({ id, label, hint, error, className, children }: { id: string; label: string; hint?: React.ReactNode; error?: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={className}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
