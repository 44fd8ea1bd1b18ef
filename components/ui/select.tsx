import { cn } from '@/lib/pages/cn';

export function Select({ className, ...props }: React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select
      className={cn(
        'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm',
        'aria-[invalid=true]:border-red-500 focus-visible:border-indigo-600',
        className,
      )}
      {...props}
    />
  );
}
