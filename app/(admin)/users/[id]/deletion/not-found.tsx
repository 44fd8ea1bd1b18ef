import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';

export default function DeletionNotFound() {
  return (
    <EmptyState title="No such deletion">
      <p>There is no deletion with this ticket for this user.</p>
      <Link href="/users/deletions" className="mt-3 inline-block font-medium text-indigo-700 hover:underline">
        Back to deletions
      </Link>
    </EmptyState>
  );
}
