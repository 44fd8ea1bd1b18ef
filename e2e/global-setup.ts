import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../tests/support/server';
import { startSmtpSink } from '../tests/support/smtp-sink';

/**
 * Starts a real `next start` server on a fresh database, and a real SMTP server it sends its
 * mail to; workers read their addresses (and the file the SMTP server writes each mail to)
 * from the environment. Deletions are slowed (a pause between batches) so a person, or a
 * test, can watch the progress bar move and cancel mid-way.
 */
export default async function globalSetup() {
  const folder = mkdtempSync(path.join(tmpdir(), 'gatehouse-e2e-mail-'));
  const mailFile = path.join(folder, 'mail.jsonl');
  const sink = await startSmtpSink({ file: mailFile });
  // Webhooks may go to loopback: e2e/webhooks.spec.ts receives them on 127.0.0.1.
  const server = await startServer({ env: { DELETION_BATCH_PAUSE_MS: '1000', SMTP_URL: sink.url, MAIL_FROM: 'Gatehouse <gatehouse@test.example>', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' } });
  process.env.E2E_BASE_URL = server.url;
  process.env.DATABASE_URL = server.databaseUrl;
  process.env.E2E_MAIL_FILE = mailFile;
  return async () => {
    await server.stop();
    await sink.stop();
    rmSync(folder, { recursive: true, force: true });
  };
}
