import type { Metadata } from 'next';
import Link from 'next/link';
import { NewResourceButton } from '@/components/resources/resource-buttons';
import { ResourcesList } from '@/components/resources/resources-list';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireOperation } from '@/lib/auth/session';
import { listResources } from '@/lib/permissions/resources';
import { listTenantsFor } from '@/lib/tenants/tenants';

export const metadata: Metadata = { title: 'Resources' };

const PAGE_SIZE = 50;

type SearchParams = Record<string, string | string[] | undefined>;

function listHref(pattern: string, page: number): string {
  const params = new URLSearchParams();
  if (pattern) params.set('pattern', pattern);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/resources?${query}` : '/resources';
}

/** The URL's search and page; anything odd reads as "no search" and "page 1" rather than an error. */
function listParams(searchParams: SearchParams) {
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';
  const page = Number.parseInt(one(searchParams.page), 10);
  return { pattern: one(searchParams.pattern).trim().slice(0, 128), page: Number.isSafeInteger(page) && page > 1 ? page : 1, deleted: one(searchParams.deleted) };
}

export default async function ResourcesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const principal = await requireOperation('resources.list');
  const { pattern, page, deleted } = listParams(await searchParams);
  const { items, total } = await listResources(principal, { pattern: pattern || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const tenants = (await listTenantsFor(principal)).map(({ id, slug, name }) => ({ id, slug, name }));

  const empty =
    page > 1 && total > 0 ? (
      <EmptyState title={`There is no page ${page} of this list`}>
        <Link href={listHref(pattern, 1)} className="font-medium text-indigo-700 hover:underline">
          Go to the first page
        </Link>
      </EmptyState>
    ) : pattern ? (
      <EmptyState title={`No resources match “${pattern}”`}>
        <p>
          Try another search, or{' '}
          <Link href="/resources" className="font-medium text-indigo-700 hover:underline">
            show all resources
          </Link>
          .
        </p>
      </EmptyState>
    ) : (
      <EmptyState title="No resources yet">
        <p>Create the workflows, datasets and reports that people are given roles on.</p>
      </EmptyState>
    );

  return (
    <>
      <PageHeader title="Resources" description="What roles are granted on. Open one to see and change who holds which role.">
        <NewResourceButton tenants={tenants} allowGlobal={principal.isAdmin} />
      </PageHeader>
      {deleted && (
        <Alert tone="success" className="mb-4">
          Deleted {deleted} and the roles granted on it.
        </Alert>
      )}
      <ResourcesList
        pattern={pattern}
        rows={items}
        paging={{
          first: (page - 1) * PAGE_SIZE + 1,
          total,
          previousHref: page > 1 ? listHref(pattern, page - 1) : null,
          nextHref: page * PAGE_SIZE < total ? listHref(pattern, page + 1) : null,
        }}
        tenants={tenants}
        allowGlobal={principal.isAdmin}
        empty={empty}
      />
    </>
  );
}
