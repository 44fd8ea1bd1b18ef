import { Agent, request } from 'node:http';
import { connect } from 'node:net';

/**
 * Requests as sent on the wire, for what fetch refuses: any method Node's parser knows
 * (TRACE included), a request target with malformed escapes, a GET with a body. Sent from a
 * loopback address of the caller's choosing: the server throttles by client address, and a
 * test that fails many sign-ins from 127.0.0.1 would make later test files wait.
 */

export type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };
export type RawRequest = { method: string; path: string; headers: Record<string, string>; body?: Buffer; chunked?: boolean };

export type RawClient = {
  send: (request: RawRequest) => Promise<RawResponse>;
  close: () => void;
  /** Requests sent again on a new connection after theirs was reset before an answer came. */
  retried: () => number;
};

/** Whether this machine lets a socket speak from `address` (Linux routes all of 127/8 to loopback; macOS only 127.0.0.1). */
export function canSpeakFrom(baseUrl: string, address: string): Promise<boolean> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port), localAddress: address });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function rawClient(baseUrl: string, options: { localAddress?: string; maxSockets: number; timeoutMs: number }): RawClient {
  const { hostname, port } = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets, localAddress: options.localAddress });
  let retried = 0;
  const once = (raw: RawRequest, connection: Agent | false) =>
    new Promise<RawResponse>((resolve, reject) => {
      const headers: Record<string, string> = { ...raw.headers };
      if (raw.body && !raw.chunked) headers['content-length'] = String(raw.body.byteLength);
      if (raw.chunked) headers['transfer-encoding'] = 'chunked';
      let answered = false;
      const req = request({ host: hostname, port: Number(port), method: raw.method, path: raw.path, headers, agent: connection, localAddress: options.localAddress, timeout: options.timeoutMs }, (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
      // A server that answers (413, say) before reading the whole body may close while we still write: the answer counts.
      req.on('error', (error) => {
        if (!answered) reject(error);
      });
      if (raw.body && raw.chunked) {
        for (let offset = 0; offset < raw.body.byteLength; offset += 64 * 1024) req.write(raw.body.subarray(offset, offset + 64 * 1024));
        req.end();
      } else req.end(raw.body);
    });
  return {
    close: () => agent.destroy(),
    retried: () => retried,
    async send(raw) {
      try {
        return await once(raw, agent);
      } catch (error) {
        // A kept-alive connection that the server closed as we reused it, or that a previous oversized body left
        // behind: a reset of the client's connection, not an answer. Once more on a connection of its own.
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ECONNRESET' && code !== 'EPIPE') throw error;
        retried += 1;
        return await once(raw, false);
      }
    },
  };
}
