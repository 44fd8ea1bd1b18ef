import { appendFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { inject } from 'vitest';
import { allowedApiMethods, MOUNTS, mountOf } from '@/lib/api/route-methods';

/**
 * Holds every answer the API tests receive to the OpenAPI document the server serves
 * (GET /api/v1/openapi.json, what clients get): the status is one the operation declares, the
 * content type is the declared one, required headers are there, and the body is valid against
 * the declared schema (JSON Schema 2020-12, Ajv). A method a path does not serve must answer 405
 * with `Allow`, a path no route serves 404, both in the mount's error shape. A violation throws,
 * so the test that received the answer fails.
 *
 * Each operation called is logged to the folder global setup provides (tests/support/contract-log.ts),
 * so the run can list the operations no test called.
 */

type MediaObject = { schema?: unknown };
type ResponseObject = { content?: Record<string, MediaObject>; headers?: Record<string, { required?: boolean }> };
type OperationObject = { operationId?: string; responses?: Record<string, ResponseObject> };
export type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, unknown> };
};

/** An answer as the suite received it. */
export type ReceivedAnswer = { method: string; url: string; status: number; headers: Headers; text: string };

/** What the log records per call: an operation of the document, or a route the document does not have yet. */
export type CallRecord = { kind: 'operation'; operationId: string } | { kind: 'undocumented'; route: string };

export const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const DOCUMENT_ID = 'gatehouse-openapi';

export class ContractViolation extends Error {
  constructor(answer: ReceivedAnswer, what: string) {
    const { pathname, search } = new URL(answer.url);
    super(`Contract: ${answer.method} ${pathname}${search} answered ${answer.status}: ${what}`);
    this.name = 'ContractViolation';
  }
}

type Found = { template: string; operation: OperationObject | undefined; pointer: string };
type Template = { template: string; segments: string[]; weight: number };

/** Path templates (`/api/v1/users/{id}`), static segments first, as Next's router prefers `users/count` to `users/[id]`. */
function templatesOf(paths: string[]): Template[] {
  return paths
    .map((template) => ({ template, segments: template.split('/').slice(1) }))
    .map((entry) => ({ ...entry, weight: entry.segments.reduce((weight, segment, index) => weight + (segment.startsWith('{') ? 0 : 2 ** (16 - index)), 0) }))
    .sort((a, b) => b.weight - a.weight);
}

/** The template serving a request path (percent-encoded, as sent: an encoded slash stays inside its segment). */
function matchTemplate(templates: Template[], rawPathname: string): string | null {
  const segments = rawPathname.replace(/\/$/, '').split('/').slice(1).map(decodeURIComponent);
  const match = templates.find(({ segments: wanted }) => wanted.length === segments.length && wanted.every((segment, i) => /^\{\w+\}$/.test(segment) || segment === segments[i]));
  return match?.template ?? null;
}

// The routes on disk (lib/api/route-methods.ts), to name a route the document lacks by its template.
const ROUTE_TEMPLATES = templatesOf(Object.entries(MOUNTS).flatMap(([mount, table]) => Object.keys(table).map((route) => `/${mount}/${route.replace(/\[(\w+)\]/g, '{$1}')}`)));

export class Contract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: Template[];

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    // `$ref: '#/components/schemas/X'` in a response schema resolves against the whole document.
    this.ajv.addSchema(document, DOCUMENT_ID);
    this.templates = templatesOf(Object.keys(document.paths));
  }

  /** Throws a ContractViolation when the answer breaks the document; returns what was called, or null for answers outside the API or not checked. */
  check(answer: ReceivedAnswer): CallRecord | null {
    const { pathname } = new URL(answer.url);
    const mount = mountOf(pathname);
    // Pages and Auth.js's handlers are not in the document; OPTIONS and HEAD are answered by Next itself.
    if (!mount || answer.method === 'OPTIONS' || answer.method === 'HEAD') return null;
    let template: string | null;
    let allowed: string[] | null;
    try {
      template = matchTemplate(this.templates, pathname);
      allowed = allowedApiMethods(pathname);
    } catch {
      // A malformed percent-escape: the front door refuses it before any route.
      this.expectMountError(answer, mount, 400);
      return null;
    }
    const found: Found | null = template ? { template, operation: this.document.paths[template][answer.method.toLowerCase()], pointer: `/paths/${escape(template)}/${answer.method.toLowerCase()}` } : null;
    if (found?.operation) {
      this.checkOperation(answer, found);
      return { kind: 'operation', operationId: found.operation.operationId ?? `${answer.method} ${found.template}` };
    }
    if (allowed === null) {
      this.expectMountError(answer, mount, 404);
      return null;
    }
    if (!allowed.includes(answer.method)) {
      this.expectMountError(answer, mount, 405);
      if (!answer.headers.get('allow')) throw new ContractViolation(answer, 'a 405 without an Allow header');
      return null;
    }
    // A route on disk that the document does not describe yet: recorded, not checked.
    return { kind: 'undocumented', route: `${answer.method} ${matchTemplate(ROUTE_TEMPLATES, pathname) ?? pathname}` };
  }

  private checkOperation(answer: ReceivedAnswer, { operation, pointer }: Found) {
    const responses = operation!.responses ?? {};
    const status = String(answer.status);
    const key = [status, `${status[0]}XX`, 'default'].find((candidate) => candidate in responses);
    if (!key) throw new ContractViolation(answer, `status not declared (declared: ${Object.keys(responses).join(', ')}); body: ${answer.text.slice(0, 200)}`);
    const response = responses[key];
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      if (header.required && answer.headers.get(name) === null) throw new ContractViolation(answer, `required header ${name} missing`);
    }
    this.checkBody(answer, response, `${pointer}/responses/${escape(key)}`);
  }

  private checkBody(answer: ReceivedAnswer, response: ResponseObject, pointer: string) {
    const content = response.content ?? {};
    const mediaTypes = Object.keys(content);
    if (mediaTypes.length === 0) {
      if (answer.text !== '') throw new ContractViolation(answer, `a body where none is declared: ${answer.text.slice(0, 200)}`);
      return;
    }
    const received = (answer.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    const mediaType = mediaTypes.find((declared) => declared.toLowerCase() === received);
    if (!mediaType) throw new ContractViolation(answer, `content type "${received}", declared ${mediaTypes.join(', ')}`);
    if (content[mediaType].schema === undefined) return;
    let body: unknown = answer.text;
    if (/[/+]json$/.test(mediaType)) {
      try {
        body = JSON.parse(answer.text);
      } catch {
        throw new ContractViolation(answer, `a ${mediaType} body that is not JSON: ${answer.text.slice(0, 200)}`);
      }
    }
    const validate = this.validator(`${pointer}/content/${escape(mediaType)}/schema`);
    if (!validate(body)) throw new ContractViolation(answer, `body does not match the schema: ${describe(validate.errors)}; body: ${answer.text.slice(0, 300)}`);
  }

  /** An error the door or a catch-all answers: the status, and the mount's error shape as its operations declare it. */
  private expectMountError(answer: ReceivedAnswer, mount: string, status: number) {
    if (answer.status !== status) throw new ContractViolation(answer, `expected ${status} (no operation serves ${answer.method} here)`);
    const shape = this.errorShapeOf(mount);
    // A mount whose operations are not in the document yet has no declared error shape to hold it to.
    if (shape) this.checkBody(answer, shape.response, shape.pointer);
  }

  private errorShapeOf(mount: string): { response: ResponseObject; pointer: string } | null {
    for (const [template, item] of Object.entries(this.document.paths)) {
      if (!template.startsWith(`/${mount}/`)) continue;
      for (const [method, operation] of Object.entries(item)) {
        const status = Object.keys(operation.responses ?? {}).find((key) => key === '404' && operation.responses![key].content);
        if (status) return { response: operation.responses![status], pointer: `/paths/${escape(template)}/${method}/responses/${status}` };
      }
    }
    return null;
  }

  private validator(pointer: string): ValidateFunction {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` });
      this.validators.set(pointer, validate);
    }
    return validate;
  }
}

/** A JSON pointer segment, escaped for use in a URI fragment. */
const escape = (segment: string) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((error) => `${error.instancePath || '(body)'} ${error.message}${error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : ''}`)
    .join('; ');
}

// Every server the suite starts runs the same build, so one document per worker serves all of them.
let loading: Promise<Contract> | undefined;

export function contractOf(url: string): Promise<Contract> {
  loading ??= fetch(`${url}/api/v1/openapi.json`).then(async (response) => {
    if (!response.ok) throw new Error(`Could not load the OpenAPI document from ${url}: ${response.status}`);
    return new Contract((await response.json()) as OpenApiDocument);
  });
  return loading;
}

/** Where global setup wants calls logged (absent in projects without the contract log, such as multi-instance). */
function logDirectory(): string | undefined {
  try {
    return inject('contractLogDir');
  } catch {
    return undefined;
  }
}

/** Checks an answer against the document and logs what it called; throws a ContractViolation when it breaks the contract. */
export async function assertContract(url: string, answer: ReceivedAnswer): Promise<void> {
  // fetch leaves methods it does not know, PATCH among them, as the caller spelled them.
  const record = (await contractOf(url)).check({ ...answer, method: answer.method.toUpperCase() });
  const directory = logDirectory();
  if (record && directory) appendFileSync(path.join(directory, `calls-${process.pid}.jsonl`), `${JSON.stringify(record)}\n`);
}
