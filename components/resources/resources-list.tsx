'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Input, Label } from '@/components/ui/input';
import { useDebouncedUrlText } from '@/components/ui/use-debounce';
import type { TenantOption } from './resource-form-dialog';
import { ResourcesTable, type ResourceListRow, type ResourcePaging } from './resources-table';

type ResourcesListProps = { pattern: string; rows: ResourceListRow[]; paging: ResourcePaging; tenants: TenantOption[]; allowGlobal: boolean; empty: React.ReactNode };

/** The resources page below its header: a search that follows the URL, and the table or what stands in for it. */
export function ResourcesList({ pattern, rows, paging, tenants, allowGlobal, empty }: ResourcesListProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [text, setText] = useDebouncedUrlText(pattern, (value) =>
    startTransition(() => router.replace(value ? `/resources?pattern=${encodeURIComponent(value)}` : '/resources', { scroll: false })),
  );

  return (
    <>
      <search className="mb-4 max-w-md">
        <Label htmlFor="resources-search">Search</Label>
        <Input id="resources-search" type="search" placeholder="Resource name" value={text} onChange={(event) => setText(event.target.value)} />
      </search>
      {rows.length === 0 ? empty : <ResourcesTable rows={rows} paging={paging} tenants={tenants} allowGlobal={allowGlobal} busy={pending} />}
    </>
  );
}
