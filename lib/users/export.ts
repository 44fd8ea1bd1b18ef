import { stringify } from 'csv-stringify/sync';
import type { UserExportQuery, UserListQuery } from './schemas';
import { listUsers, type TenantRestriction, type UserList, type UserListItem } from '@/lib/search/user-search';

const EXPORT_BATCH_SIZE = 100;

export const USER_EXPORT_COLUMNS = ['id', 'email', 'username', 'firstName', 'lastName', 'role', 'status', 'scopes', 'tenants', 'plan', 'createdAt', 'lastSignInAt'] as const;

// A name such as "=HYPERLINK(...)" typed at sign-up must not run as a formula when an admin opens the file in a spreadsheet.
const CSV_OPTIONS = { escape_formulas: true } as const;

function exportRecord(user: UserListItem): string[] {
  return [
    user.id,
    user.email,
    user.username,
    user.firstName ?? '',
    user.lastName ?? '',
    user.role,
    user.status,
    user.scope.join(' '),
    user.tenants.map((tenant) => tenant.slug).join(' '),
    user.plan,
    user.createdAt.toISOString(),
    user.lastSignInAt?.toISOString() ?? '',
  ];
}

/** users-20260131.csv, dated in UTC. */
export function userExportFileName(now = new Date()): string {
  return `users-${now.toISOString().slice(0, 10).replaceAll('-', '')}.csv`;
}

/**
 * The filtered list as CSV, a batch of 100 rows per read, walking the keyset cursor so the whole
 * list is never in memory and each query stays short. The first batch is read before the stream
 * is returned, so a bad filter is thrown here (a 400) and not in the middle of a download.
 */
export async function usersCsvStream(query: UserExportQuery, restriction: TenantRestriction = null): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const batch = (cursor?: string) => listUsers({ ...query, limit: EXPORT_BATCH_SIZE, offset: 0, cursor, includeTotal: false } satisfies UserListQuery, restriction);
  let page: UserList | null = await batch();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      // The byte-order mark makes Excel read the file as UTF-8 (accented names); other tools skip it.
      controller.enqueue(encoder.encode(`\uFEFF${stringify([[...USER_EXPORT_COLUMNS]])}`));
    },
    async pull(controller) {
      if (!page) {
        controller.close();
        return;
      }
      if (page.items.length > 0) controller.enqueue(encoder.encode(stringify(page.items.map(exportRecord), CSV_OPTIONS)));
      page = page.nextCursor ? await batch(page.nextCursor) : null;
    },
  });
}
