import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';

export default function ImportNotFound() {
  return (
    <EmptyState title="No such import">
      <p>There is no import with this id that you may see.</p>
      <Link href="/users/import" className="mt-3 inline-block font-medium text-indigo-700 hover:underline">
        Back to imports
      </Link>
    </EmptyState>
  );
}
