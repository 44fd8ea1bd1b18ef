import type { TestProject } from 'vitest/node';
import { startServer } from '../support/server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseFile: string;
  }
}

/** One real `next start` server on a fresh database for the whole API suite. */
export default async function setup(project: TestProject) {
  const server = await startServer();
  project.provide('baseUrl', server.url);
  project.provide('databaseFile', server.databaseFile);
  return async () => {
    await server.stop();
  };
}
