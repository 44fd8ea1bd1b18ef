import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { API_TYPES_FILE, apiTypesSource } from './openapi-types';

/** `npm run openapi:types`: rewrites lib/openapi/api-types.d.ts from the OpenAPI document. */
apiTypesSource()
  .then((source) => {
    writeFileSync(API_TYPES_FILE, source);
    console.log(`Wrote ${path.relative(process.cwd(), API_TYPES_FILE)}`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
