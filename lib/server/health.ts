import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';

/** One round trip to the database; throws (answered 503 by the API) when it cannot be reached. */
export async function checkDatabase(): Promise<void> {
  await queryRows(sql`SELECT 1 AS ok`);
}
