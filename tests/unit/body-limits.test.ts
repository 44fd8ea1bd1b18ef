import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NextConfig } from 'next';
import { describe, expect, it } from 'vitest';
import { ACTION_BODY_LIMIT_BYTES, IMPORT_ACTION_BODY_LIMIT_BYTES, IMPORT_FILE_LIMIT_BYTES } from '@/lib/http/body-limits';

describe('server action body limits', () => {
  it('Next takes the import page’s upload, as large as the front door lets it be', async () => {
    // Loaded by URL: the config is plain JavaScript, without types to import it by.
    const { default: nextConfig } = (await import(pathToFileURL(path.resolve('next.config.mjs')).href)) as { default: NextConfig };
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe(IMPORT_ACTION_BODY_LIMIT_BYTES);
    // The front door (proxy.ts) sees the page's body before the action: Next copies at most this much for it.
    expect(nextConfig.experimental?.proxyClientMaxBodySize).toBe(IMPORT_ACTION_BODY_LIMIT_BYTES);
  });

  it('the raised limit holds the largest file the page takes, and the other pages keep Next’s default', () => {
    expect(IMPORT_ACTION_BODY_LIMIT_BYTES).toBeGreaterThan(IMPORT_FILE_LIMIT_BYTES);
    expect(ACTION_BODY_LIMIT_BYTES).toBe(1024 * 1024);
  });
});
