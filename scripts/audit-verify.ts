/**
 * `npm run audit:verify`: checks the audit trail's hash chain in the database DATABASE_URL
 * names, prints the verdict and exits 1 when a link is broken (for a cron job or a monitor).
 */
import { closeDatabase } from '../db/client';
import { verifyAuditChain } from '../lib/audit/verify';
import { ConfigError, getConfig } from '../lib/server/config';

const REASONS = {
  'content-changed': 'its content no longer matches its hash (the row was edited)',
  'link-broken': 'it does not link to the event before it (an event was removed or edited)',
  'hash-missing': 'it has no hash although events before it are chained',
} as const;

async function main(): Promise<void> {
  const { databaseLabel } = getConfig();
  const result = await verifyAuditChain();
  await closeDatabase();
  console.log(`[gatehouse] Audit trail of ${databaseLabel}: ${result.checked} chained events checked.`);
  if (result.unchainedBefore > 0) console.log(`  ${result.unchainedBefore} earlier events were recorded before the trail was chained (no hash).`);
  if (result.chainStart) console.log(`  Retention removed the events up to id ${result.chainStart.afterId}; the kept chain links to ${result.chainStart.prevHash}.`);
  if (result.firstBroken) {
    console.log(`  BROKEN at event ${result.firstBroken.id}: ${REASONS[result.firstBroken.reason]}.`);
    process.exitCode = 1;
    return;
  }
  console.log('  The chain is intact.');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `[gatehouse] ${error.message}` : error);
  process.exit(1);
});
