import { headers } from 'next/headers';
import { clientAddress } from '@/lib/request';

/** Where a server action's request came from, as the throttles and the audit trail record it. */
export async function requestOrigin(): Promise<{ address: string; userAgent: string | null }> {
  const requestHeaders = await headers();
  return { address: clientAddress(requestHeaders), userAgent: requestHeaders.get('user-agent') };
}
