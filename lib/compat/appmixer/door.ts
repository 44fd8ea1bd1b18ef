import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import type { Door } from '../../api/door';
import { ApiError } from '../../api/errors';
import { jsonErrorParts, messageWithFields, vendorStatus } from '../errors';

/**
 * Appmixer's clients send `Authorization: Bearer <token>` (one of the document's examples
 * spells the scheme "Beader"; a client copied from it works too). Errors take the shape of
 * Appmixer's server (hapi): `{statusCode, error, message}`, where `error` is the status's
 * HTTP reason phrase ("Not Found", "Bad Request"), as hapi writes it.
 */
export const APPMIXER_DOOR: Door = {
  readSecret(headers) {
    const header = headers.get('authorization');
    if (header === null) return null;
    const match = /^(?:Bearer|Beader)\s+(\S+)$/i.exec(header);
    if (!match) throw new ApiError('unauthorized', 'Send the token as "Authorization: Bearer <token>".');
    return match[1];
  },
  acceptsSessionCookie: false,
  credentialHint: {
    missing: 'Send the token from POST /user/auth as "Authorization: Bearer <token>".',
    invalid: 'The token is invalid, expired or revoked.',
  },
  errorParts(error) {
    const statusCode = vendorStatus(error);
    return jsonErrorParts(error, { statusCode, error: STATUS_CODES[statusCode] ?? error.title, message: messageWithFields(error) });
  },
  contract: {
    errorBody: z
      .object({
        statusCode: z.int().meta({ example: 404 }),
        error: z.string().meta({ description: 'The status’s HTTP reason phrase.', example: 'Not Found' }),
        message: z.string().meta({ description: 'What went wrong, with each refused field.', example: 'There is no such user.' }),
      })
      .meta({ id: 'AppmixerError' }),
    errorMediaType: 'application/json',
    securitySchemes: { appmixerToken: { type: 'http', scheme: 'bearer', description: 'The token from `POST /compat/appmixer/user/auth`, as `Authorization: Bearer <token>`.' } },
  },
};
