import { z } from 'zod';
import type { Door } from '../../api/door';
import { jsonErrorParts, messageWithFields } from '../errors';

/**
 * Tyk Dashboard's clients send the user's access key as the raw `authorization` header, with
 * no scheme, as the document's samples show; `Bearer <key>` is accepted too. Errors use
 * Tyk's envelope: `{"Status": "Error", "Message": ..., "Meta": null}`.
 */
export const TYK_DOOR: Door = {
  readSecret(headers) {
    const header = headers.get('authorization')?.trim();
    if (!header) return null;
    return header.replace(/^Bearer\s+/i, '');
  },
  acceptsSessionCookie: false,
  credentialHint: {
    missing: 'Send your Dashboard access key in the authorization header.',
    invalid: 'The access key is invalid, or its user cannot sign in.',
  },
  errorParts: (error) => jsonErrorParts(error, { Status: 'Error', Message: messageWithFields(error), Meta: null }),
  contract: {
    errorBody: z
      .object({
        Status: z.literal('Error'),
        Message: z.string().meta({ description: 'What went wrong, with each refused field.', example: 'User not found' }),
        Meta: z.null(),
      })
      .meta({ id: 'TykError' }),
    errorMediaType: 'application/json',
    securitySchemes: { tykAccessKey: { type: 'apiKey', in: 'header', name: 'authorization', description: 'Your Dashboard access key as the whole `authorization` header, with no scheme (`Bearer <key>` works too).' } },
  },
};
