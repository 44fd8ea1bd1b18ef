import { cn } from '@/lib/pages/cn';

export function Textarea({ className, ...props }: React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <textarea
      className={cn(
        'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400',
        'aria-[invalid=true]:border-red-500 focus-visible:border-indigo-600',
        className,
      )}
      {...props}
    />
  );
}
