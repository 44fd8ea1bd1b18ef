import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_BODY_LIMIT_BYTES, IMPORT_ACTION_BODY_LIMIT_BYTES, IMPORT_PAGE_PATH } from '@/lib/http/body-limits';
import { baseUrl } from '../support/api';
import { rawClient, type RawClient } from '../support/raw-http';
import { TEST_ADMIN } from '../support/server';
import { actionResult, browserSession, callServerAction, serverActionsInBuild, type ServerAction } from '../support/server-actions';

/**
 * Next reads a server action's whole body before the action checks who calls it, and its
 * raised body limit (for the import page's upload) holds for every action. The front door
 * keeps page posts at 1 MB except on the import page, and there only for a browser with a
 * session cookie the server sealed; the admin's real upload of more than 1 MB goes through.
 */

const tag = `abl${Date.now().toString(36)}`;
let client: RawClient;
let adminCookie = '';
let dryRun: ServerAction;

/** A body just over Next's default limit for actions. */
const overOneMegabyte = Buffer.alloc(ACTION_BODY_LIMIT_BYTES + 1024, 'a');

function postToPage(path: string, headers: Record<string, string>, body: Buffer, chunked = false) {
  return client.send({ method: 'POST', path, headers: { 'next-action': '0'.repeat(42), 'content-type': 'text/plain;charset=UTF-8', ...headers }, body, chunked });
}

/** The status a page answers to a post that states its length and sends none of its body: the door decides on the headers alone. */
function statusForDeclaredLength(path: string, length: number, cookie: string): Promise<number> {
  const { hostname, port } = new URL(baseUrl());
  return new Promise((resolve, reject) => {
    const headers = { 'next-action': '0'.repeat(42), 'content-type': 'text/plain;charset=UTF-8', 'content-length': String(length), cookie };
    const sent = request({ host: hostname, port: Number(port), method: 'POST', path, headers }, (response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
      sent.destroy();
    });
    sent.on('error', reject);
    sent.flushHeaders();
  });
}

beforeAll(async () => {
  client = rawClient(baseUrl(), { maxSockets: 2, timeoutMs: 30_000 });
  adminCookie = await browserSession(baseUrl(), TEST_ADMIN.email, TEST_ADMIN.password);
  dryRun = serverActionsInBuild().find((action) => action.file === 'lib/actions/imports.ts' && action.name === 'dryRunImportAction')!;
});

afterAll(() => client.close());

describe('page posts over 1 MB', () => {
  it('are refused on an ordinary page, signed in or not', async () => {
    for (const cookie of [undefined, adminCookie]) {
      const response = await postToPage('/users', cookie ? { cookie } : {}, overOneMegabyte);
      expect(response.status).toBe(413);
      expect(response.body.toString()).toContain(`at most ${ACTION_BODY_LIMIT_BYTES} bytes`);
    }
  });

  it('are refused on the import page without a session cookie the server sealed', async () => {
    const forged = 'authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..forged.forged.forged';
    for (const headers of [{}, { cookie: forged }] as Record<string, string>[]) {
      const response = await postToPage(IMPORT_PAGE_PATH, headers, overOneMegabyte);
      expect(response.status).toBe(413);
      expect(response.body.toString()).toContain('Only a signed-in browser');
    }
  });

  it('are refused on the import page past the import limit, even signed in, before the body is sent', async () => {
    expect(await statusForDeclaredLength(IMPORT_PAGE_PATH, IMPORT_ACTION_BODY_LIMIT_BYTES + 1, adminCookie)).toBe(413);
  });

  it('of unknown length (chunked) are refused: browsers always state a post’s length', async () => {
    const response = await postToPage('/users', {}, Buffer.from('[]'), true);
    expect(response.status).toBe(400);
    expect(response.body.toString()).toContain('Content-Length');
  });

  it('reach the import action from a signed-in admin, who gets the dry run of the whole file', async () => {
    const rows = Array.from({ length: 10_000 }, (_, index) => `${tag}-${index}@example.com,Person ${index},${'x'.repeat(60)},Accounts`);
    const file = new File([['email,firstName,lastName,department', ...rows].join('\n')], 'big.csv', { type: 'text/csv' });
    expect(file.size).toBeGreaterThan(ACTION_BODY_LIMIT_BYTES);
    const outcome = await callServerAction(baseUrl(), dryRun, [file, { mode: 'create', invite: false }], adminCookie);
    expect(outcome.status).toBe(200);
    const result = actionResult(outcome) as { returned: { ok: boolean; report: { counts: Record<string, number> } } };
    expect(result.returned.ok).toBe(true);
    expect(result.returned.report.counts).toEqual({ created: 10_000, updated: 0, unchanged: 0, error: 0 });
  });

  it('under 1 MB pass on every page, signed in or not (the action then decides)', async () => {
    const response = await postToPage('/users', {}, Buffer.from('[]'));
    expect(response.status).not.toBe(413);
    expect(response.status).not.toBe(400);
  });
});
