import { z } from 'zod';
import type { Operation } from '@/lib/access/matrix';
import type { ProblemCode } from './errors';
import type { ApiMethod } from './route-methods';

export type BodyFormat = 'json' | 'form';

/** A header a response carries, by its lower-case name, with what it says. */
export type ResponseHeaders = Record<string, string>;

export type ResponseSpec = {
  description: string;
  /** The JSON body; left out for an answer with no body (204). */
  body?: z.ZodType;
  /** The body's media type when it is not JSON (a CSV download): its schema is then `body`. */
  mediaType?: string;
  /** The same answer in other media types the caller may ask for (an export's formats), each with its example, and its own schema where it is not `body` (a CSV beside JSON). */
  alsoAs?: Record<string, { example?: unknown; body?: z.ZodType }>;
  headers?: ResponseHeaders;
  example?: unknown;
};

/**
 * One operation of an API mount: what the route pipeline (lib/api/route.ts) parses and checks,
 * and what the OpenAPI document (lib/openapi/document.ts) says about it. Route files pass their
 * endpoint to the pipeline, so the document and the code read the same schemas.
 */
export type Endpoint<O extends Operation = Operation, P = unknown, Q = unknown, B = unknown> = {
  method: ApiMethod;
  /** The path as a client calls it, `{name}` for a path parameter: `/api/v1/users/{id}`. */
  path: string;
  /** Other paths serving the same operation, where a vendor's document prints one call at several addresses. */
  alsoAt?: readonly string[];
  /** What the route does, from the access matrix (lib/access/matrix.ts), which says who may call it. */
  operation: O;
  /** A public operation whose vendor call has no anonymous form (Tyk's and Solvexia's "add user"): 401 without a credential. */
  credentialRequired?: boolean;
  tag: string;
  summary: string;
  /** What a newcomer needs to call it: the rules behind the schema, what happens after. */
  description: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** How the body may arrive; JSON unless the vendor's clients send forms too. */
  bodyFormats?: readonly BodyFormat[];
  /**
   * The body may be left out (no bytes at all, whatever Content-Type says): the handler then
   * gets `undefined`. For vendor calls whose parameters come in the query or in a form body.
   */
  bodyOptional?: boolean;
  requestExample?: unknown;
  /**
   * The body is a file taken as text, not parsed (an import): the media types it may come in,
   * each with an example for the document, and its size limit. `body` is then textBodySchema:
   * the handler gets the text and which of these media types it came as.
   */
  textBody?: { mediaTypes: Record<string, { example: string }>; maxBytes: number };
  /** The answers the handler gives on success, by status. */
  responses: Record<number, ResponseSpec>;
  /** The errors the handler itself may answer; those of the pipeline (credentials, parsing, the database) are added by the document. */
  problems?: readonly ProblemCode[];
};

/** The body of an endpoint with `textBody`: the text as sent, and its media type (lower case, without parameters). */
export const textBodySchema = z.object({ text: z.string(), mediaType: z.string() });
export type TextBody = z.infer<typeof textBodySchema>;

/** Declares an endpoint with its schemas' types kept, for the route that serves it. */
export function endpoint<O extends Operation, P = undefined, Q = undefined, B = undefined>(spec: Endpoint<O, P, Q, B>): Endpoint<O, P, Q, B> {
  return spec;
}
