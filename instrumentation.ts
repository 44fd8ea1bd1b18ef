export async function register() {
  // Only the Node server does start-up work: the Edge runtime cannot open SQLite.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { prepareServerOrExit } = await import('./lib/server/startup');
    await prepareServerOrExit();
    // Built at start: a schema the generator cannot render stops the server here, not a client's first request.
    const { openApiDocument } = await import('./lib/openapi/document');
    openApiDocument();
  }
}
