import { findAccessKeyOwner } from './access-keys';
import { findTokenOwner } from './tokens';
import { principalFor, type Principal } from './principal';

/**
 * Who a secret sent by an API caller belongs to, whichever door it came through: an API
 * token (`gh_...`) or an access key (`gk_...`). `tokenId` names the credential used, so
 * signing out or changing one's password acts on it. Null when it is unknown, expired,
 * revoked or its user cannot sign in.
 */
export async function callerForSecret(secret: string): Promise<{ principal: Principal; tokenId: string } | null> {
  const token = await findTokenOwner(secret);
  if (token) return { principal: await principalFor(token.user), tokenId: token.tokenId };
  const key = await findAccessKeyOwner(secret);
  return key ? { principal: await principalFor(key.user), tokenId: key.keyId } : null;
}
