import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/openapi/document';
import { Contract, type OpenApiDocument, type ReceivedAnswer } from '../support/contract';

/** The contract check the API tests hold every answer to (tests/support/contract.ts), on answers made up here. */

const contract = new Contract(JSON.parse(JSON.stringify(openApiDocument())) as OpenApiDocument);
const problem = (status: number, code: string) => JSON.stringify({ type: `/docs/api#problem-${code}`, title: 'T', status, detail: 'D' });

function answer(method: string, path: string, status: number, body: unknown, headers: Record<string, string> = {}): ReceivedAnswer {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = status >= 400 ? 'application/problem+json' : 'application/json';
  return { method, url: `http://127.0.0.1:1${path}`, status, headers: new Headers({ 'content-type': contentType, ...headers }), text };
}

describe('the contract check', () => {
  it('finds the operation, preferring static segments as Next does', () => {
    expect(contract.check(answer('GET', '/api/v1/users/count?pattern=a', 200, { count: 3 }))).toEqual({ kind: 'operation', operationId: 'countUsers' });
    expect(() => contract.check(answer('GET', '/api/v1/users/count', 200, { items: [] }))).toThrow(/GET \/api\/v1\/users\/count answered 200: body does not match/);
  });

  it('refuses a status the operation does not declare, a wrong media type and a missing required header', () => {
    expect(() => contract.check(answer('GET', '/api/v1/health', 418, problem(418, 'x')))).toThrow(/status not declared/);
    expect(() => contract.check({ ...answer('GET', '/api/v1/health', 200, { status: 'ok' }), headers: new Headers({ 'content-type': 'text/html' }) })).toThrow(/content type "text\/html"/);
    const user = { id: 'usr_1' };
    expect(() => contract.check(answer('GET', '/api/v1/users/usr_1', 200, user))).toThrow(/required header etag missing/);
  });

  it('holds a wrong method to 405 with Allow in the mount’s error shape, and an unknown path to 404', () => {
    expect(contract.check(answer('PUT', '/api/v1/health', 405, problem(405, 'method-not-allowed'), { allow: 'GET, HEAD, OPTIONS' }))).toBeNull();
    expect(() => contract.check(answer('PUT', '/api/v1/health', 405, problem(405, 'method-not-allowed')))).toThrow(/without an Allow header/);
    expect(() => contract.check(answer('PUT', '/api/v1/health', 500, ''))).toThrow(/expected 405/);
    expect(contract.check(answer('GET', '/api/v1/no-such-thing', 404, problem(404, 'not-found')))).toBeNull();
    expect(() => contract.check(answer('GET', '/api/v1/no-such-thing', 404, { error: 'nope' }))).toThrow(/body does not match/);
  });

  it('leaves pages, HEAD and OPTIONS alone', () => {
    expect(contract.check(answer('GET', '/users', 200, '<html>'))).toBeNull();
    expect(contract.check(answer('OPTIONS', '/api/v1/users', 204, undefined))).toBeNull();
    expect(contract.check(answer('HEAD', '/api/v1/health', 200, undefined))).toBeNull();
  });
});
