import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { OPERATION_METHODS, type CallRecord, type OpenApiDocument } from './contract';

/**
 * The log of what the API suite called, kept in a temporary folder: test files run in several
 * worker processes, each appends to a file of its own there (tests/support/contract.ts). At the
 * end of the run it lists the document's operations no test called, and the routes called that
 * the document does not describe.
 */
export function startContractLog(project: TestProject) {
  const directory = mkdtempSync(path.join(tmpdir(), 'gatehouse-contract-'));
  project.provide('contractLogDir', directory);
  /** Prints the listing against the document the server serves; call before stopping the server. */
  return async function reportContractLog(baseUrl: string) {
    try {
      const response = await fetch(`${baseUrl}/api/v1/openapi.json`);
      if (!response.ok) return console.log(`[contract] could not load the document to list uncalled operations: ${response.status}`);
      const document = (await response.json()) as OpenApiDocument;
      const records = readdirSync(directory).flatMap((file) =>
        readFileSync(path.join(directory, file), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as CallRecord),
      );
      // Nothing logged means only some files ran (or none reached the API): a listing would say little.
      if (records.length === 0) return;
      const called = new Set(records.flatMap((record) => (record.kind === 'operation' ? [record.operationId] : [])));
      const uncalled = Object.entries(document.paths).flatMap(([template, item]) =>
        OPERATION_METHODS.flatMap((method) => {
          const operationId = item[method]?.operationId;
          return operationId && !called.has(operationId) ? [`  ${operationId} (${method.toUpperCase()} ${template})`] : [];
        }),
      );
      console.log(`\nOperations in the document that no test called:\n${uncalled.length ? uncalled.join('\n') : '  none'}`);
      const undocumented = [...new Set(records.flatMap((record) => (record.kind === 'undocumented' ? [record.route] : [])))].sort();
      if (undocumented.length) console.log(`\nRoutes called that the document does not describe (not checked):\n${undocumented.map((route) => `  ${route}`).join('\n')}`);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  };
}
