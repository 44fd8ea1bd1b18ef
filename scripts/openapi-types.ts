import path from 'node:path';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { openApiDocument } from '@/lib/openapi/document';

/** The API's TypeScript types (openapi-typescript), committed for the typed client (tests/support/typed-client.ts) and for consumers to copy. */
export const API_TYPES_FILE = path.join(process.cwd(), 'lib', 'openapi', 'api-types.d.ts');

/** The types file as generated from the document the server serves, built in this process. */
export async function apiTypesSource(): Promise<string> {
  // A copy: openapi-typescript may annotate what it is given, and the document is built once per process.
  const document = JSON.parse(JSON.stringify(openApiDocument()));
  const ast = await openapiTS(document);
  return `${COMMENT_HEADER.trimEnd()}\n// Generated from GET /api/v1/openapi.json: run \`npm run openapi:types\` after changing an endpoint.\n\n${astToString(ast)}`;
}
