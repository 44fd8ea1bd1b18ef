import Link from 'next/link';
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@/components/ui/table';
import type { DeletionStatus } from '@/lib/deletion/requests';
import { formatDateTime } from '@/lib/pages/format';
import { DeletionProgressBar, DeletionStatusBadge } from './deletion-progress-bar';

function outcome(deletion: DeletionStatus): string {
  switch (deletion.status) {
    case 'queued':
      return 'Waiting to start';
    case 'in-progress':
      return deletion.currentStepLabel ?? 'Finishing';
    case 'completed':
      return 'Deleted';
    case 'cancelled':
      return 'Cancelled; the user is suspended';
    case 'failed':
      return `Failed: ${deletion.error ?? 'unknown error'}`;
  }
}

type DeletionsTableProps = {
  deletions: DeletionStatus[];
  /** The users still there, by id; a finished deletion's user is gone. */
  users: Map<string, { name: string; email: string }>;
  /** Some deletion runs, so the page refreshes: the caption says so. */
  running: boolean;
};

/** Deletions with their user, progress and outcome, each linking to its own progress page. */
export function DeletionsTable({ deletions, users, running }: DeletionsTableProps) {
  return (
    <Table caption={`Deletions${running ? ' (updating while deletions run)' : ''}`}>
      <TableHeader>
        <tr>
          <TableHeaderCell>User</TableHeaderCell>
          <TableHeaderCell>Requested</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Progress</TableHeaderCell>
          <TableHeaderCell>Step or outcome</TableHeaderCell>
          <TableHeaderCell>
            <span className="sr-only">Details</span>
          </TableHeaderCell>
        </tr>
      </TableHeader>
      <TableBody>
        {deletions.map((deletion) => {
          const user = users.get(deletion.userId);
          return (
            <TableRow key={deletion.ticket} className="align-middle">
              <TableCell>
                {user ? (
                  <>
                    <Link href={`/users/${deletion.userId}`} className="block max-w-56 truncate font-medium text-indigo-700 hover:underline" title={user.name}>
                      {user.name}
                    </Link>
                    <span className="block max-w-56 truncate text-xs text-slate-500" title={user.email}>
                      {user.email}
                    </span>
                  </>
                ) : (
                  <>
                    <span className="block text-slate-500 italic">Deleted user</span>
                    <code className="block text-xs text-slate-500">{deletion.userId}</code>
                  </>
                )}
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <time dateTime={deletion.requestedAt.toISOString()}>{formatDateTime(deletion.requestedAt)}</time>
              </TableCell>
              <TableCell>
                <DeletionStatusBadge status={deletion.status} />
              </TableCell>
              <TableCell>
                <div className="flex min-w-32 items-center gap-2">
                  <DeletionProgressBar deletion={deletion} label={`Deleting ${user?.name ?? deletion.userId}`} size="small" />
                  <span className="text-xs whitespace-nowrap text-slate-500 tabular-nums">
                    {deletion.stepsDone}/{deletion.stepsTotal}
                  </span>
                </div>
              </TableCell>
              <TableCell className={deletion.status === 'failed' ? 'text-red-700' : undefined}>{outcome(deletion)}</TableCell>
              <TableCell className="text-right whitespace-nowrap">
                <Link href={`/users/${deletion.userId}/deletion/${deletion.ticket}`} className="font-medium text-indigo-700 hover:underline">
                  Details<span className="sr-only"> of the deletion of {user?.name ?? deletion.userId}</span>
                </Link>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
