import Link from 'next/link';
import { cn } from '@/lib/pages/cn';
import { formatCount } from '@/lib/pages/format';
import { Button, buttonClassName } from './button';

/**
 * The parts of every data table, shadcn-style: small, each one element. No hooks, so server
 * components (tenants, mail, deletions) and client ones (users, resources) use the same markup.
 */

/** The card around a table: scrolls sideways on a narrow screen; `busy` dims it while new rows load. */
export function Table({ caption, busy = false, footer, children }: { caption: string; busy?: boolean; footer?: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className={cn('overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm transition-opacity', busy && 'opacity-60')} aria-busy={busy || undefined}>
      {/* relative: the sr-only texts in far columns are absolutely placed and would otherwise widen the page. */}
      <div className="relative overflow-x-auto">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          {children}
        </table>
      </div>
      {footer}
    </div>
  );
}

export function TableHeader({ children }: { children: React.ReactNode }) {
  return <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">{children}</thead>;
}

export function TableBody({ children }: { children: React.ReactNode }) {
  return <tbody className="divide-y divide-slate-100">{children}</tbody>;
}

export function TableRow({ className, ...props }: React.HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn('text-slate-700 hover:bg-slate-50', className)} {...props} />;
}

export const headerCellClassName = 'bg-slate-50 px-3 py-2.5 font-semibold whitespace-nowrap';

export function TableHeaderCell({ className, ...props }: React.ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cn(headerCellClassName, className)} {...props} />;
}

/** A header cell with nothing to read but a name for screen readers (the actions column). */
export function TableActionsHeaderCell({ className }: { className?: string }) {
  return (
    <TableHeaderCell className={className}>
      <span className="sr-only">Actions</span>
    </TableHeaderCell>
  );
}

/** `tight` for a cell holding a control (a button, a select), which brings its own height. */
export function TableCell({ tight = false, className, ...props }: React.TdHTMLAttributes<HTMLTableCellElement> & { tight?: boolean }) {
  return <td className={cn('px-3', tight ? 'py-1.5' : 'py-2', className)} {...props} />;
}

export type SortDirection = 'asc' | 'desc' | false;

const SORT_ICONS = { asc: '↑', desc: '↓' } as const;

/**
 * A header that sorts its column: aria-sort on the cell says how it is sorted now; the control
 * is a link when the sort lives in the URL (`href`), a button otherwise (`onSort`).
 */
export function SortableHeaderCell({
  title,
  direction,
  href,
  onSort,
  className,
}: { title: string; direction: SortDirection; className?: string } & ({ href: string; onSort?: never } | { onSort: () => void; href?: never })) {
  const controlClassName = '-mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 font-semibold hover:bg-slate-200/60';
  const content = (
    <>
      {title}
      <span aria-hidden="true" className={direction ? 'text-indigo-700' : 'text-slate-400'}>
        {direction ? SORT_ICONS[direction] : '↕'}
      </span>
    </>
  );
  return (
    <th scope="col" aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'} className={cn(headerCellClassName, className)}>
      {href !== undefined ? (
        <Link href={href} scroll={false} className={controlClassName}>
          {content}
        </Link>
      ) : (
        <button type="button" onClick={onSort} className={controlClassName}>
          {content}
        </button>
      )}
    </th>
  );
}

/** One row across the table saying why it has none. */
export function TableEmptyRow({ colSpan, children }: { colSpan: number; children: React.ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-3 py-8 text-center text-slate-600">
        {children}
      </td>
    </tr>
  );
}

/** Grey placeholder rows in the table's shape while its first rows load. */
export function TableLoadingRows({ rows, columns }: { rows: number; columns: number }) {
  return Array.from({ length: rows }, (_, row) => (
    <tr key={row} aria-hidden="true">
      {Array.from({ length: columns }, (_, column) => (
        <td key={column} className="px-3 py-3">
          <div className="h-4 animate-pulse rounded bg-slate-200" />
        </td>
      ))}
    </tr>
  ));
}

/** Where a page button goes: a URL, a function, or nowhere (the first or last page). */
export type PageTarget = string | (() => void) | null;

/**
 * "1–30 of 1,234", then any controls given as children (the page size), then Previous and Next.
 * `rangeTestId` lets a test read the range.
 */
export function TablePagination({
  first,
  shown,
  total,
  page,
  previous,
  next,
  rangeTestId,
  children,
}: {
  /** The position of the first row on this page, from 1. */
  first: number;
  shown: number;
  /** A count, or what stands for it (an estimate with a way to count exactly). */
  total: number | React.ReactNode;
  /** The page number, when the list counts in pages. */
  page?: number;
  previous: PageTarget;
  next: PageTarget;
  rangeTestId: string;
  children?: React.ReactNode;
}) {
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-t border-slate-200 px-3 py-2.5 text-sm text-slate-700">
      <p data-testid={rangeTestId}>
        {formatCount(first)}–{formatCount(first + shown - 1)} of {typeof total === 'number' ? formatCount(total) : total}
      </p>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        {children}
        <div className="flex items-center gap-2">
          <PageButton target={previous}>Previous</PageButton>
          {page !== undefined && <span className="whitespace-nowrap">Page {formatCount(page)}</span>}
          <PageButton target={next}>Next</PageButton>
        </div>
      </div>
    </nav>
  );
}

function PageButton({ target, children }: { target: PageTarget; children: string }) {
  if (typeof target === 'string') {
    return (
      <Link href={target} scroll={false} className={buttonClassName('secondary', 'px-3 py-1')}>
        {children}
      </Link>
    );
  }
  return (
    <Button variant="secondary" className="px-3 py-1" disabled={!target} onClick={target ?? undefined}>
      {children}
    </Button>
  );
}
