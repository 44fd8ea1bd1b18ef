import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';

export default function ResourceNotFound() {
  return (
    <EmptyState title="No such resource">
      <p>This resource does not exist, or has been deleted.</p>
      <Link href="/resources" className="mt-3 inline-block font-medium text-indigo-700 hover:underline">
        Back to resources
      </Link>
    </EmptyState>
  );
}
