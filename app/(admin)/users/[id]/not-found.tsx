import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';

export default function UserNotFound() {
  return (
    <EmptyState title="No such user">
      <p>This user does not exist, or has been deleted.</p>
      <Link href="/users" className="mt-3 inline-block font-medium text-indigo-700 hover:underline">
        Back to users
      </Link>
    </EmptyState>
  );
}
