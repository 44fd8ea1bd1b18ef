import { findAccessKeyOwner } from '@/lib/auth/access-keys';
import { ApiError, type ProblemCode } from '../../api/errors';
import { signInForApiToken } from '../../auth/credentials';
import { issueApiToken, type IssuedToken } from '@/lib/auth/tokens';
import { findUserBySignInName, getUserById, recordSignIn } from '@/lib/users/users';

/**
 * Solvexia's token endpoint, OAuth 2.0's client-credentials grant (RFC 6749 §4.4): the client
 * is a user (`client_id`: their id, email or login name), its secret that user's access key or
 * their password. The answer is an ordinary Gatehouse API token.
 */

/** The RFC 6749 §5.2 error codes this endpoint answers with (and two from the IANA OAuth registry). */
export type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'temporarily_unavailable' | 'server_error';

/** An error the token endpoint names itself; every other ApiError is named by oauthErrorOf. */
export class OAuthError extends ApiError {
  constructor(
    readonly oauthCode: OAuthErrorCode,
    code: ProblemCode,
    detail: string,
    options: ApiError['options'] = {},
  ) {
    super(code, detail, options);
  }
}

const INVALID_CLIENT = 'The client_id or client_secret is wrong.';

/**
 * The OAuth error code and status for an error at the token endpoint. A wrong secret, an
 * unknown client and a disabled account are all `invalid_client` (401), as Gatehouse's own
 * sign-in answers them (the disabled account only to a caller who gave the right password).
 */
export function oauthErrorOf(error: ApiError): { status: number; code: OAuthErrorCode; description?: string } {
  if (error instanceof OAuthError) return { status: error.code === 'validation-failed' ? 400 : error.status, code: error.oauthCode };
  switch (error.code) {
    case 'invalid-credentials':
      return { status: 401, code: 'invalid_client', description: INVALID_CLIENT };
    case 'account-inactive':
    case 'unauthorized':
      return { status: 401, code: 'invalid_client' };
    case 'too-many-requests':
      return { status: 429, code: 'temporarily_unavailable' };
    case 'service-unavailable':
      return { status: 503, code: 'temporarily_unavailable' };
    case 'method-not-allowed':
      return { status: 405, code: 'invalid_request' };
    case 'internal':
      return { status: 500, code: 'server_error' };
    default:
      return { status: 400, code: 'invalid_request' };
  }
}

/** Whether a path is the token endpoint, whose errors carry OAuth's fields too. */
export function isTokenEndpoint(pathname: string): boolean {
  return /\/oauth\/token\/?$/.test(pathname);
}

type ClientCredentials = { clientId: string; clientSecret: string; viaBasic: boolean };

/**
 * The client's credentials from the body (`client_secret_post`) or from HTTP Basic
 * (`client_secret_basic`, which RFC 6749 §2.3.1 requires servers to take), never both.
 */
export function clientCredentials(headers: Headers, body: { client_id?: string; client_secret?: string }): ClientCredentials {
  const basic = basicCredentials(headers.get('authorization'));
  const inBody = body.client_id !== undefined || body.client_secret !== undefined;
  if (basic && inBody) throw new OAuthError('invalid_request', 'bad-request', 'Send the client credentials either in the body or as HTTP Basic, not both.');
  if (basic) return { ...basic, viaBasic: true };
  const errors = [
    ...(body.client_id ? [] : [{ path: 'client_id', message: 'client_id is required.' }]),
    ...(body.client_secret ? [] : [{ path: 'client_secret', message: 'client_secret is required.' }]),
  ];
  if (errors.length) throw new OAuthError('invalid_request', 'validation-failed', 'The request has invalid or unknown fields.', { errors });
  return { clientId: body.client_id!, clientSecret: body.client_secret!, viaBasic: false };
}

/** `Basic base64(urlencode(id):urlencode(secret))`, or null without a Basic header. */
function basicCredentials(header: string | null): { clientId: string; clientSecret: string } | null {
  const match = header && /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  try {
    if (colon > 0) return { clientId: decodeURIComponent(decoded.slice(0, colon).replaceAll('+', ' ')), clientSecret: decodeURIComponent(decoded.slice(colon + 1).replaceAll('+', ' ')) };
  } catch {
    // A malformed escape falls through to the refusal below.
  }
  throw new OAuthError('invalid_client', 'invalid-credentials', INVALID_CLIENT, { headers: { 'www-authenticate': 'Basic realm="Gatehouse"' } });
}

/**
 * Trades a client's credentials for an API token. An access key counts only for the user the
 * client_id names; anything else is tried as that user's password by signInForApiToken, so a
 * wrong key, a wrong password and an unknown client take the same path, the same time and the
 * same throttle, and answer alike.
 */
export async function exchangeClientCredentials({ clientId, clientSecret, viaBasic }: ClientCredentials, headers: Headers): Promise<IssuedToken> {
  const client = await getUserById(clientId) ?? await findUserBySignInName(clientId);
  const keyOwner = await findAccessKeyOwner(clientSecret);
  if (client && keyOwner?.user.id === client.id) {
    await recordSignIn(client.id);
    return await issueApiToken(keyOwner.user);
  }
  try {
    const { token, expiresAt } = await signInForApiToken(client?.email ?? clientId, clientSecret, headers);
    return { token, expiresAt };
  } catch (error) {
    // RFC 6749 §5.2: a client that authenticated with HTTP Basic is told the scheme to retry with.
    if (viaBasic && error instanceof ApiError && (error.code === 'invalid-credentials' || error.code === 'account-inactive')) {
      throw new OAuthError('invalid_client', error.code, error.code === 'invalid-credentials' ? INVALID_CLIENT : (error.detail ?? INVALID_CLIENT), { headers: { 'www-authenticate': 'Basic realm="Gatehouse"' } });
    }
    throw error;
  }
}
