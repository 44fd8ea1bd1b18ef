import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '@/lib/openapi/api-types';
import { baseUrl } from './api';
import { assertContract } from './contract';

/**
 * A typed client for the API (openapi-fetch over the generated `paths`), as a consumer would
 * script Gatehouse; every answer is held to the OpenAPI document like `api()`'s. `api()` stays
 * for requests the types forbid on purpose: malformed bodies, raw headers, wrong types.
 */
export function gatehouse(options: { token?: string; url?: string; headers?: Record<string, string> } = {}) {
  const url = options.url ?? baseUrl();
  const client = createClient<paths>({ baseUrl: url, headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers } });
  client.use(contractCheck(url));
  return client;
}

function contractCheck(url: string): Middleware {
  return {
    async onResponse({ request, response }) {
      // A clone: openapi-fetch reads the body itself after the middleware.
      const text = await response.clone().text();
      await assertContract(url, { method: request.method, url: request.url, status: response.status, headers: response.headers, text });
    },
  };
}
