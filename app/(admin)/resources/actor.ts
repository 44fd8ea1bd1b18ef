import { headers } from 'next/headers';
import type { Principal } from '@/lib/auth/principal';
import { clientAddress } from '@/lib/request';

/** The caller as the audit trail records who changed something from a page. */
export async function pageActor(principal: Principal) {
  return { id: principal.user.id, ip: clientAddress(await headers()) };
}
