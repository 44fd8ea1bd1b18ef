import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

/** A page whose capability is not built yet says so plainly, with no fake data. */
export function ComingSoon({ title, description, plan }: { title: string; description: string; plan: string }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <EmptyState title="Coming soon">{plan}</EmptyState>
    </>
  );
}
