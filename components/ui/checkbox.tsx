import { cn } from '@/lib/pages/cn';

/** A native checkbox; `indeterminate` (some but not all selected) exists only as a DOM property, so it is set through a ref. */
export function Checkbox({ indeterminate = false, className, ...props }: Omit<React.InputHTMLAttributes<HTMLInputElement>, 'type'> & { indeterminate?: boolean }) {
  return (
    <input
      type="checkbox"
      ref={(element) => {
        if (element) element.indeterminate = indeterminate;
      }}
      className={cn('size-4 cursor-pointer rounded border-slate-300 align-middle accent-indigo-600', className)}
      {...props}
    />
  );
}
