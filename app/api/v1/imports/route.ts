import { apiRoute } from '@/lib/api/route';
import { dryRunImport, importFormatOf, listImports, startImport } from '@/lib/imports';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** GET /api/v1/imports: recent imports. */
export const GET = apiRoute(V1_ENDPOINTS.listImports, async ({ principal }) => ({ items: await listImports(principal) }));

/** POST /api/v1/imports: a dry run (200, the per-row report) or an import started (202, the job). */
export const POST = apiRoute(V1_ENDPOINTS.startImport, async ({ query, body, principal }) => {
  // The pipeline admits only the three media types, each of which names a format.
  const file = { text: body.text, format: importFormatOf(body.mediaType)! };
  const options = { mode: query.mode, invite: query.invite };
  if (query.dryRun) return dryRunImport(file, options, principal);
  const job = await startImport(file, options, principal);
  return Response.json(job, { status: 202, headers: { location: `/api/v1/imports/${job.id}`, 'cache-control': 'no-store' } });
});
