'use client';

import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { formatCount } from '@/lib/format';
import { PAGE_SIZE_OPTIONS } from '@/lib/user-list-params';
import { useUserListNavigation } from './user-list-navigation';

/** "1–30 of 1,234", previous and next, and the page size. */
export function UsersTablePagination({ rowsOnPage, hasNextPage, total }: { rowsOnPage: number; hasNextPage: boolean; total: number }) {
  const { params, navigate } = useUserListNavigation();
  const { page, limit } = params;
  const first = (page - 1) * limit + 1;
  const pageSizes = [...new Set<number>([...PAGE_SIZE_OPTIONS, limit])].sort((a, b) => a - b);

  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-t border-slate-200 px-3 py-2.5 text-sm text-slate-700">
      <p data-testid="users-range">
        {formatCount(first)}–{formatCount(first + rowsOnPage - 1)} of {formatCount(total)}
      </p>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="flex items-center gap-2">
          <Label htmlFor="users-page-size" className="mb-0 font-normal whitespace-nowrap text-slate-600">
            Rows per page
          </Label>
          <Select id="users-page-size" className="w-20 py-1" value={limit} onChange={(event) => navigate({ limit: Number(event.target.value) })}>
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex items-center gap-2">
          <Button variant="secondary" className="px-3 py-1" disabled={page <= 1} onClick={() => navigate({ page: page - 1 })}>
            Previous
          </Button>
          <span className="whitespace-nowrap">
            Page {formatCount(page)}
          </span>
          <Button variant="secondary" className="px-3 py-1" disabled={!hasNextPage} onClick={() => navigate({ page: page + 1 })}>
            Next
          </Button>
        </div>
      </div>
    </nav>
  );
}
