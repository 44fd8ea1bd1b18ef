import { inject } from 'vitest';
import { assertContract } from './contract';

export const baseUrl = () => inject('baseUrl');

export type ApiInit = { method?: string; token?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> };

/** Calls the shared API test server; JSON bodies are sent as application/json. */
export function api(path: string, init: ApiInit = {}) {
  return apiAt(baseUrl(), path, init);
}

/** Calls a server at `url` (a test's own server, or the shared one); throws when the answer breaks the OpenAPI document (tests/support/contract.ts). */
export async function apiAt(url: string, path: string, init: ApiInit = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(init.json);
  }
  const method = init.method ?? 'GET';
  const response = await fetch(`${url}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await response.text();
  await assertContract(url, { method, url: `${url}${path}`, status: response.status, headers: response.headers, text });
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  return { status: response.status, headers: response.headers, body: data as Record<string, any>, text };
}

export async function signInForToken(identifier: string, password: string): Promise<string> {
  const response = await api('/api/v1/auth/token', { method: 'POST', json: { username: identifier, password } });
  if (response.status !== 200) throw new Error(`Sign-in failed: ${response.status} ${response.text}`);
  return response.body.token as string;
}
