/**
 * `npm run bench:deletion [-- --database path] [--rows N] [--idle-seconds N]`: deletes a user
 * holding N related rows (tokens, codes, permissions, scopes, audit history; default 100,000
 * each) on the million-user database while a second process reads the users list in a loop.
 * Prints the deletion's duration, its longest write transaction, and the readers' latency
 * during the deletion against idle. A script that prints figures, not a test.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

type Options = { database: string; rows: number; idleSeconds: number; reader: boolean };

function parseArgs(args: string[]): Options {
  const options: Options = { database: 'data/bench-1m.db', rows: 100_000, idleSeconds: 10, reader: false };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    if (flag === '--reader') options.reader = true;
    else if (flag === '--database') options.database = args[++i];
    else if (flag === '--rows' || flag === '--idle-seconds') {
      const value = Number(args[++i]);
      if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${flag} needs a positive whole number.`);
      if (flag === '--rows') options.rows = value;
      else options.idleSeconds = value;
    } else throw new Error(`Unknown argument "${flag}". Usage: npm run bench:deletion [-- --database path] [--rows N] [--idle-seconds N]`);
  }
  return options;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * The reader process: lists users in a loop (first pages, searches, cursor pages) and prints
 * one line per request, `time latency ok|busy|error`, until its stdin closes.
 */
async function runReader(): Promise<void> {
  const { userListQuerySchema } = await import('@/lib/users/schemas');
  const { listUsers } = await import('@/lib/search/user-search');
  const shapes = [{}, { pattern: 'and' }, { pattern: 'son', sort: 'email:1' }, { filter: 'scope:tester' }, { sort: 'lastName:1' }].map((raw) => userListQuerySchema.parse(raw));
  let open = true;
  process.stdin.on('close', () => (open = false)).resume();
  for (let i = 0; open; i++) {
    const started = performance.now();
    let outcome = 'ok';
    try {
      await listUsers(shapes[i % shapes.length]);
    } catch (error) {
      outcome = (error as { code?: string }).code === 'SQLITE_BUSY' ? 'busy' : 'error';
    }
    process.stdout.write(`${Date.now()} ${(performance.now() - started).toFixed(3)} ${outcome}\n`);
    // Yield so the stdin close is noticed.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  process.env.DATABASE_URL = `file:${options.database}`;
  if (options.reader) return runReader();

  const { getEngine } = await import('@/db/client');
  const { openDatabase } = await import('@/db/engines/sqlite');
  const { seedLargeUserSet } = await import('@/db/seed');
  const { openDatabaseTools } = await import('@/db/tools');
  const { createUser } = await import('@/lib/users/users');
  const { requestUserDeletion } = await import('@/lib/deletion/requests');
  const { claimDeletionJob, runDeletionJob } = await import('@/lib/deletion/worker');
  const { addRelatedRows, remainingRows } = await import('../tests/support/deletion-fixtures');
  const { appDatabase } = await import('../tests/support/test-database');

  await getEngine().migrate();
  const db = openDatabase(path.resolve(options.database));
  const users = db.$client.prepare('SELECT count(*) FROM users').pluck().get() as number;
  if (users < 1_000_000) {
    console.log(`The database has ${users.toLocaleString('en-US')} users; generating ${(1_000_000 - users).toLocaleString('en-US')} more...`);
    const tools = openDatabaseTools(process.env.DATABASE_URL);
    await seedLargeUserSet(tools, 1_000_000 - users);
    await tools.close();
  }
  // A server that has been running has its database in the OS cache; a cold file would
  // measure the disk instead. Reading it once puts this run on the same footing.
  const warmStarted = performance.now();
  for await (const chunk of createReadStream(options.database, { highWaterMark: 4 << 20 })) void chunk;
  console.log(`Read ${options.database} into the OS cache (${((performance.now() - warmStarted) / 1000).toFixed(1)} s).`);
  const victim = await createUser({ email: `bench-deletion-${Date.now()}@example.com`, password: 'bench deletion password' });
  const fillStarted = performance.now();
  await addRelatedRows(appDatabase(), victim.id, options.rows);
  console.log(`Gave ${victim.id} ${options.rows.toLocaleString('en-US')} rows in each of tokens, codes, permissions, scopes and audit history (${((performance.now() - fillStarted) / 1000).toFixed(1)} s).`);

  // The reader runs in its own process, as a second server or a reporting job would.
  const reader = spawn(process.execPath, ['--import', 'tsx', __filename, '--reader', '--database', options.database], { stdio: ['pipe', 'pipe', 'inherit'] });
  const samples: Array<{ at: number; ms: number; outcome: string }> = [];
  createInterface({ input: reader.stdout! }).on('line', (line) => {
    const [at, ms, outcome] = line.split(' ');
    samples.push({ at: Number(at), ms: Number(ms), outcome });
  });
  // 'close', not 'exit': the reader's last lines may still be in the pipe when it exits.
  const readerExited = new Promise((resolve) => reader.once('close', resolve));

  await new Promise((resolve) => setTimeout(resolve, options.idleSeconds * 1000));
  const idleEnd = Date.now();

  const batches: number[] = [];
  const checkpoints: number[] = [];
  let longest = { step: '', ms: 0 };
  let writerBusy = 0;
  const deletionStarted = Date.now();
  try {
    await requestUserDeletion(victim.id, { id: 'bench-deletion' });
    const job = await claimDeletionJob();
    if (!job) throw new Error('The deletion job was not claimable.');
    await runDeletionJob(job, (kind, step, ms) => {
      if (kind === 'checkpoint') return void checkpoints.push(ms);
      batches.push(ms);
      if (ms > longest.ms) longest = { step, ms };
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') writerBusy++;
    else throw error;
  }
  const deletionEnd = Date.now();
  reader.stdin!.end();
  await readerExited;

  const status = db.$client.prepare('SELECT status, steps_done, steps_total, error FROM deletion_jobs WHERE user_id = ?').get(victim.id);
  const left = await remainingRows(appDatabase(), victim.id);
  const idle = samples.filter((s) => s.at <= idleEnd).map((s) => s.ms).sort((a, b) => a - b);
  const during = samples.filter((s) => s.at >= deletionStarted && s.at <= deletionEnd).map((s) => s.ms).sort((a, b) => a - b);
  const busy = samples.filter((s) => s.outcome !== 'ok');
  batches.sort((a, b) => a - b);
  checkpoints.sort((a, b) => a - b);

  console.log(`\nDeletion: ${JSON.stringify(status)}, rows left: ${JSON.stringify(left)}`);
  console.log(`  duration                    ${((deletionEnd - deletionStarted) / 1000).toFixed(2)} s`);
  console.log(`  write transactions          ${batches.length}, p50 ${percentile(batches, 50).toFixed(2)} ms, p99 ${percentile(batches, 99).toFixed(2)} ms`);
  console.log(`  checkpoints (no lock held)  p50 ${percentile(checkpoints, 50).toFixed(2)} ms, p99 ${percentile(checkpoints, 99).toFixed(2)} ms, longest ${(checkpoints.at(-1) ?? 0).toFixed(2)} ms`);
  console.log(`  longest write transaction   ${longest.ms.toFixed(2)} ms (${longest.step})   target <= 50 ms: ${longest.ms <= 50 ? 'PASS' : 'MISS'}`);
  console.log(`Reader (second process, users list in a loop):`);
  console.log(`  idle        ${idle.length} requests, p50 ${percentile(idle, 50).toFixed(2)} ms, p99 ${percentile(idle, 99).toFixed(2)} ms`);
  console.log(`  during      ${during.length} requests, p50 ${percentile(during, 50).toFixed(2)} ms, p99 ${percentile(during, 99).toFixed(2)} ms`);
  const ratio = percentile(during, 99) / percentile(idle, 99);
  console.log(`  p99 during / idle           ${ratio.toFixed(2)}x   target <= 2x: ${ratio <= 2 ? 'PASS' : 'MISS'}`);
  console.log(`  SQLITE_BUSY or other errors reader ${busy.length}, writer ${writerBusy}   target 0: ${busy.length + writerBusy === 0 ? 'PASS' : 'MISS'}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
