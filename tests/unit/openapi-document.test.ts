import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { PROBLEMS } from '@/lib/api/errors';
import { openApiDocument } from '@/lib/openapi/document';
import { OPERATION_METHODS, type OpenApiDocument } from '../support/contract';
import { API_MOUNTS, routesOnDisk } from '../support/routes';

/**
 * Issue 18: the OpenAPI document describes every route the API serves, on every mount, and
 * nothing else; each operation says enough for a newcomer to call it; the document is
 * OpenAPI 3.1 whose schemas compile as JSON Schema 2020-12.
 */

type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
};

const document = JSON.parse(JSON.stringify(openApiDocument())) as OpenApiDocument & { tags?: { name: string }[] };
const operations = Object.entries(document.paths).flatMap(([template, item]) =>
  OPERATION_METHODS.flatMap((method) => (item[method] ? [{ name: `${method.toUpperCase()} ${template}`, operation: item[method] as Operation }] : [])),
);

describe('the OpenAPI document against the routes on disk', () => {
  // `[id]` is `{id}`; the `[...unmatched]` catch-alls answer 404 for paths no route serves and are no operations.
  const onDisk = API_MOUNTS.flatMap((mount) =>
    routesOnDisk(mount)
      .filter(({ route }) => !route.includes('[...'))
      .flatMap(({ route, methods }) => methods.filter((method) => method !== 'HEAD' && method !== 'OPTIONS').map((method) => `${method} /${mount}/${route.replace(/\[(\w+)\]/g, '{$1}')}`)),
  ).sort();
  const documented = operations.map(({ name }) => name).sort();

  it('describes every route method on disk', () => {
    expect(onDisk.filter((route) => !documented.includes(route))).toEqual([]);
  });

  it('describes no operation that no route serves', () => {
    expect(documented.filter((operation) => !onDisk.includes(operation))).toEqual([]);
  });
});

describe('every operation', () => {
  it('has a unique operationId, a summary, a description, tags and security', () => {
    const lacking = operations.flatMap(({ name, operation }) => {
      const missing = [
        !operation.operationId && 'operationId',
        !operation.summary?.trim() && 'summary',
        !operation.description?.trim() && 'description',
        !operation.tags?.length && 'tags',
        !operation.security?.length && 'security',
      ].filter(Boolean);
      return missing.length ? [`${name}: ${missing.join(', ')}`] : [];
    });
    expect(lacking).toEqual([]);
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it('has a success response and its error responses, each error with a body', () => {
    const lacking = operations.flatMap(({ name, operation }) => {
      const statuses = Object.keys(operation.responses ?? {});
      const errors = statuses.filter((status) => Number(status) >= 400);
      return [
        ...(statuses.some((status) => /^2\d\d$/.test(status)) ? [] : [`${name}: no success response`]),
        // Every operation can be refused: a bad request, a wrong credential, the database away.
        ...(errors.length ? [] : [`${name}: no error responses`]),
        ...errors.filter((status) => !operation.responses![status].content).map((status) => `${name}: ${status} has no body`),
      ];
    });
    expect(lacking).toEqual([]);
  });

  it('uses only declared tags', () => {
    const declared = new Set((document.tags ?? []).map(({ name }) => name));
    const undeclared = operations.flatMap(({ name, operation }) => (operation.tags ?? []).filter((tag) => !declared.has(tag)).map((tag) => `${name}: ${tag}`));
    expect(undeclared).toEqual([]);
  });

  it('links each of its error responses to the explanation of a problem the API has', () => {
    const wrong = operations.flatMap(({ name, operation }) =>
      Object.entries(operation.responses ?? {})
        .filter(([status]) => Number(status) >= 400)
        .flatMap(([status, response]) => {
          const links = [...(response.description ?? '').matchAll(/\]\(([^)]*)\)/g)].map((match) => match[1]);
          if (links.length === 0) return [`${name} ${status}: no problem link`];
          return links.filter((link) => !/^\/docs\/api#problem-/.test(link) || !(link.slice('/docs/api#problem-'.length) in PROBLEMS)).map((link) => `${name} ${status}: ${link}`);
        }),
    );
    expect(wrong).toEqual([]);
  });
});

describe('the document', () => {
  it('is OpenAPI 3.1', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it('has schemas that compile as JSON Schema 2020-12', () => {
    // Not strict: OpenAPI adds keywords of its own (`example`) beside the standard ones.
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema(document, 'document');
    const failures: string[] = [];
    const compile = (where: string, pointer: string) => {
      try {
        ajv.compile({ $ref: `document#${pointer}` });
      } catch (error) {
        failures.push(`${where}: ${(error as Error).message}`);
      }
    };
    const escape = (segment: string) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));
    for (const name of Object.keys(document.components?.schemas ?? {})) compile(`components.schemas.${name}`, `/components/schemas/${escape(name)}`);
    for (const [template, item] of Object.entries(document.paths)) {
      for (const method of OPERATION_METHODS) {
        const operation = item[method] as Operation | undefined;
        if (!operation) continue;
        const at = `/paths/${escape(template)}/${method}`;
        const where = `${method.toUpperCase()} ${template}`;
        operation.parameters?.forEach((parameter, index) => parameter.schema && compile(`${where} parameter ${index}`, `${at}/parameters/${index}/schema`));
        for (const [mediaType, media] of Object.entries(operation.requestBody?.content ?? {})) if (media.schema) compile(`${where} request ${mediaType}`, `${at}/requestBody/content/${escape(mediaType)}/schema`);
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          for (const [mediaType, media] of Object.entries(response.content ?? {})) if (media.schema) compile(`${where} ${status} ${mediaType}`, `${at}/responses/${status}/content/${escape(mediaType)}/schema`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
