import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';

export default function TenantNotFound() {
  return (
    <EmptyState title="No such tenant">
      <p>This tenant does not exist, or is not one you administer.</p>
      <Link href="/tenants" className="mt-3 inline-block font-medium text-indigo-700 hover:underline">
        Back to tenants
      </Link>
    </EmptyState>
  );
}
