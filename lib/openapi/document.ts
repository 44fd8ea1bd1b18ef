import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import { OPERATIONS, type Reach } from '@/lib/access/matrix';
import { z } from 'zod';
import type { Door } from '@/lib/api/door';
import type { Endpoint, ResponseSpec } from '@/lib/api/endpoint';
import { ApiError, PROBLEMS, type ProblemCode } from '@/lib/api/errors';
import { MAX_BODY_BYTES } from '@/lib/api/route';
import { MOUNT_CONTRACTS } from './mounts';

/**
 * The OpenAPI 3.1 document of every API mount, built once per process from the endpoints the
 * routes serve (their zod schemas), the access matrix and each door's error shape. Nothing
 * here restates what a schema says: the words are the endpoints', the shapes are zod's.
 */
let built: ReturnType<typeof createDocument> | undefined;

export function openApiDocument(): ReturnType<typeof createDocument> {
  built ??= buildDocument();
  return built;
}

const REACH_TEXT: Record<Reach, string> = {
  public: 'anyone, with or without a credential',
  user: 'any signed-in user, on their own account',
  tenant: 'system admins; tenant admins, for the users, members and resources of the tenants they administer',
  admin: 'system admins (scope `admin`) only',
};

function buildDocument() {
  const paths: ZodOpenApiPathsObject = {};
  for (const mount of MOUNT_CONTRACTS) {
    for (const [name, endpoint] of Object.entries(mount.endpoints)) {
      [endpoint.path, ...(endpoint.alsoAt ?? [])].forEach((path, index) => {
        const item = (paths[path] ??= {});
        const operationId = `${mount.operationIdPrefix}${name}${index === 0 ? '' : `At${index + 1}`}`;
        item[endpoint.method.toLowerCase() as 'get'] = operationOf(operationId, { ...endpoint, path }, mount.door);
      });
    }
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Gatehouse API',
      version: '1',
      description: [
        'Gatehouse’s REST API (`/api/v1`) and the vendor APIs it speaks (`/compat/*`), generated from the schemas the server validates with.',
        'Every error of `/api/v1` is `application/problem+json` whose `type` links to its explanation in this reference; the vendor mounts answer errors in their vendor’s shape.',
        `Request bodies are JSON of at most ${MAX_BODY_BYTES} bytes unless an operation says otherwise. A method a path does not serve answers 405 with an \`Allow\` header; too many failed attempts answer 429 with \`Retry-After\`.`,
      ].join('\n\n'),
    },
    tags: MOUNT_CONTRACTS.flatMap((mount) => mount.tags),
    paths,
    components: { securitySchemes: Object.fromEntries(MOUNT_CONTRACTS.flatMap((mount) => Object.entries(mount.door.contract.securitySchemes))) },
  });
}

function operationOf(operationId: string, endpoint: Endpoint, door: Door): ZodOpenApiOperationObject {
  const { reach } = OPERATIONS[endpoint.operation];
  const schemes = Object.keys(door.contract.securitySchemes).map((scheme) => ({ [scheme]: [] }));
  return {
    operationId,
    tags: [endpoint.tag],
    summary: endpoint.summary,
    description: `${endpoint.description}\n\n**Who may call it:** ${endpoint.credentialRequired ? 'any caller with a credential, then as the operation allows' : REACH_TEXT[reach]} (operation \`${endpoint.operation}\`, see /docs/access).`,
    // A public operation takes a credential too (a signed-in admin creating a user), but needs none.
    security: reach === 'public' && !endpoint.credentialRequired ? [{}, ...schemes] : schemes,
    'x-gatehouse-operation': endpoint.operation,
    ...(endpoint.params || endpoint.query ? { requestParams: { ...(endpoint.params ? { path: endpoint.params as never } : {}), ...(endpoint.query ? { query: endpoint.query as never } : {}) } } : {}),
    ...(endpoint.body ? { requestBody: requestBodyOf(endpoint) } : {}),
    responses: { ...successesOf(endpoint), ...errorsOf(endpoint, door) },
  };
}

function requestBodyOf(endpoint: Endpoint) {
  if (endpoint.textBody) {
    return { required: true, content: Object.fromEntries(Object.entries(endpoint.textBody.mediaTypes).map(([mediaType, { example }]) => [mediaType, { schema: z.string(), example }])) };
  }
  const formats = endpoint.bodyFormats ?? ['json'];
  const media = { schema: endpoint.body!, ...(endpoint.requestExample === undefined ? {} : { example: endpoint.requestExample }) };
  return {
    required: endpoint.bodyOptional !== true,
    content: Object.fromEntries(formats.map((format) => [format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded', media])),
  };
}

function successesOf(endpoint: Endpoint): ZodOpenApiResponsesObject {
  return Object.fromEntries(
    Object.entries(endpoint.responses).map(([status, response]) => [
      status,
      {
        description: response.description,
        ...(response.headers ? { headers: headersOf(response.headers) } : {}),
        ...(response.body ? { content: contentOf(response) } : {}),
      },
    ]),
  );
}

function contentOf(response: ResponseSpec) {
  const media = (example: unknown, schema = response.body!) => ({ schema, ...(example === undefined ? {} : { example }) });
  const others = Object.entries(response.alsoAs ?? {}).map(([mediaType, { example, body }]) => [mediaType, media(example, body)]);
  return { [response.mediaType ?? 'application/json']: media(response.example), ...Object.fromEntries(others) };
}

function headersOf(headers: Record<string, string>) {
  return Object.fromEntries(Object.entries(headers).map(([name, description]) => [name, { description, required: true, schema: { type: 'string' as const } }]));
}

/** The problems an endpoint can answer: the pipeline's, by what the endpoint takes and who may call it, and the handler's own. */
function problemsOf(endpoint: Endpoint): ProblemCode[] {
  const { reach } = OPERATIONS[endpoint.operation];
  const codes = new Set<ProblemCode>([
    // An unknown query parameter, a control character in the address, a malformed credential header.
    'bad-request',
    // A credential that is wrong or expired is refused on every operation, even a public one.
    'unauthorized',
    'service-unavailable',
  ]);
  if (endpoint.credentialRequired) codes.add('forbidden');
  if (endpoint.body) for (const code of ['invalid-json', 'validation-failed', 'payload-too-large', 'unsupported-media-type'] as const) codes.add(code);
  if (reach === 'tenant' || reach === 'admin') codes.add('forbidden');
  for (const code of endpoint.problems ?? []) codes.add(code);
  return [...codes];
}

/** The door's error answers, grouped by the status the door gives each problem (a vendor may map them its own way). */
function errorsOf(endpoint: Endpoint, door: Door): ZodOpenApiResponsesObject {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of problemsOf(endpoint)) {
    const { status } = door.errorParts(new ApiError(code), endpoint.path);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      String(status),
      {
        // Titles only: each links to its problem's explanation on /docs/api, and the renderer shows this line as the answer's heading.
        description: codes.map((code) => `[${PROBLEMS[code].title}](/docs/api#problem-${code})`).join(', '),
        ...(codes.includes('too-many-requests') ? { headers: headersOf({ 'retry-after': 'Seconds to wait before trying again.' }) } : {}),
        content: { [door.contract.errorMediaType]: { schema: door.contract.errorBody } },
      },
    ]),
  );
}
