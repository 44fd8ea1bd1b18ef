'use client';

import { Button } from '@/components/ui/button';
import { usersCount } from '@/lib/bulk/actions';

/**
 * Under a fully selected page: offers to widen the selection to every user the list matches
 * (Gmail's "Select all conversations"), or says that it is and offers to clear it.
 */
export function SelectAllMatching({
  rowsOnPage,
  total,
  totalExact,
  allMatching,
  onSelectAllMatching,
  onClearSelection,
}: {
  rowsOnPage: number;
  total: number;
  totalExact: boolean;
  allMatching: boolean;
  onSelectAllMatching: () => void;
  onClearSelection: () => void;
}) {
  const matching = `${totalExact ? '' : 'about '}${total.toLocaleString('en-US')}`;
  return (
    <div role="status" className="flex flex-wrap items-center justify-center gap-x-2 gap-y-1 rounded-md bg-slate-100 px-3 py-2 text-center text-sm text-slate-700">
      {allMatching ? (
        <>
          <span>All {usersCount(total)} matching this search are selected.</span>
          <Button variant="ghost" className="px-2 py-1 text-indigo-700" onClick={onClearSelection}>
            Clear selection
          </Button>
        </>
      ) : (
        <>
          <span>All {usersCount(rowsOnPage)} on this page are selected.</span>
          <Button variant="ghost" className="px-2 py-1 font-medium text-indigo-700" onClick={onSelectAllMatching}>
            Select all {matching} matching
          </Button>
        </>
      )}
    </div>
  );
}
