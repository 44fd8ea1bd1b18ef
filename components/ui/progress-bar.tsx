import { cn } from '@/lib/pages/cn';

const BAR_TONES = {
  running: 'bg-indigo-500',
  done: 'bg-emerald-500',
  failed: 'bg-red-500',
  stopped: 'bg-amber-500',
} as const;

export type ProgressTone = keyof typeof BAR_TONES;

type ProgressBarProps = {
  value: number;
  max: number;
  /** What progresses ("Importing users.csv"), as screen readers name the bar. */
  label: string;
  /** How screen readers read the value ("9,998 of 10,000 rows"). */
  valueText: string;
  tone: ProgressTone;
  size?: 'large' | 'small';
};

/** A job's work done out of all of it (role progressbar); an empty job (max 0) reads as 0 of 0 with an empty bar. */
export function ProgressBar({ value, max, label, valueText, tone, size = 'large' }: ProgressBarProps) {
  const done = Math.min(Math.max(value, 0), max);
  const share = max > 0 ? done / max : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={done}
      aria-valuetext={valueText}
      className={cn('w-full overflow-hidden rounded-full bg-slate-200', size === 'large' ? 'h-3' : 'h-1.5')}
    >
      <div className={cn('h-full rounded-full transition-[width] duration-500', BAR_TONES[tone])} style={{ width: `${share * 100}%` }} />
    </div>
  );
}
