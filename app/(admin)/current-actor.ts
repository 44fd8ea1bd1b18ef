import type { Operation } from '@/lib/access';
import { requireOperation } from '@/lib/auth/session';
import type { Principal } from '@/lib/auth/principal';
import { requestOrigin } from '@/app/request-origin';

type Actor = { id: string; ip: string; userAgent: string | null };

/** How the audit trail records who changed something from a page. */
export async function actorOf({ user }: Principal): Promise<Actor> {
  const { address, userAgent } = await requestOrigin();
  return { id: user.id, ip: address, userAgent };
}

/** The caller, if the access matrix lets them attempt the operation (tenant admins too), and how the audit trail records them. */
export async function currentCaller(operation: Operation): Promise<{ principal: Principal; actor: Actor }> {
  const principal = await requireOperation(operation);
  return { principal, actor: await actorOf(principal) };
}
