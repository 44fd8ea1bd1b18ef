'use client';

import { Label } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { TablePagination } from '@/components/ui/table';
import { PAGE_SIZE_OPTIONS } from '@/lib/search/list-params';
import { useUserListNavigation } from './user-list-navigation';
import { UsersTotal } from './users-total';

/** "1–30 of 1,234" (or "of about 8,800"), the page size, previous and next. */
export function UsersTablePagination({ rowsOnPage, hasNextPage, total, totalExact }: { rowsOnPage: number; hasNextPage: boolean; total: number; totalExact: boolean }) {
  const { params, navigate } = useUserListNavigation();
  const { page, limit } = params;
  const pageSizes = [...new Set<number>([...PAGE_SIZE_OPTIONS, limit])].sort((a, b) => a - b);

  return (
    <TablePagination
      first={(page - 1) * limit + 1}
      shown={rowsOnPage}
      total={
        <span aria-live="polite">
          <UsersTotal total={total} exact={totalExact} params={params} />
        </span>
      }
      page={page}
      previous={page > 1 ? () => navigate({ page: page - 1 }) : null}
      next={hasNextPage ? () => navigate({ page: page + 1 }) : null}
      rangeTestId="users-range"
    >
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
    </TablePagination>
  );
}
