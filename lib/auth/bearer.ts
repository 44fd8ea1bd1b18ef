import { findTokenOwner } from '../tokens';
import { principalFor, type Principal } from './principal';

/**
 * Who a secret sent by an API caller belongs to, whichever door it came through: an API
 * token (`gh_...`). Null when it is unknown, expired, revoked or its user cannot sign in.
 */
export function callerForSecret(secret: string): { principal: Principal; tokenId: string | null } | null {
  const owner = findTokenOwner(secret);
  return owner ? { principal: principalFor(owner.user), tokenId: owner.tokenId } : null;
}
