import { AsyncLocalStorage } from 'node:async_hooks';
import cluster from 'node:cluster';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Requests being answered, so background work (an import's checks, a bulk job's batches) can
 * give way to them. On a server with few cores a bulk job's writes and its checks compete with
 * every reader for the same cores; a job that pauses while requests are in hand lets them run
 * as if it were idle, and takes its turn in between.
 *
 * `npm start` runs one server process per core, and a reader answered by another process
 * competes for the cores just the same. So a process doing background work asks its siblings,
 * through the supervisor (scripts/start.ts relays), to say when they start and stop answering
 * (ForegroundMessage); they say so only while asked, so a server without background work sends
 * nothing.
 */
let answering = 0;
const insideRequest = new AsyncLocalStorage<true>();

/** How long siblings keep reporting after being asked; background work asks again well before. */
const REPORTING_MS = 2_000;

export type ForegroundMessage = { gatehouse: 'foreground'; pid: number } & ({ watchUntil: number } | { answering: boolean });

const isForegroundMessage = (message: unknown): message is ForegroundMessage =>
  typeof message === 'object' && message !== null && (message as { gatehouse?: unknown }).gatehouse === 'foreground';

/** Sibling processes that last said they were answering. */
const siblingsAnswering = new Set<number>();
/** Until when this process tells its siblings about its requests (they asked), and until when it asked them. */
let reportingUntil = 0;
let watchingUntil = 0;

// Only a process `npm start` forked (a cluster worker) has a supervisor and siblings to talk to.
const supervised = cluster.isWorker && typeof process.send === 'function';
// A closed channel (the supervisor gone) must not end the process: without a callback, a failed send is an uncaught 'error'.
const ignoreFailure = () => {};
const toSupervisor = (message: ForegroundMessage) => process.connected && process.send?.(message, undefined, {}, ignoreFailure);

function reportAnswering(): void {
  if (Date.now() < reportingUntil) toSupervisor({ gatehouse: 'foreground', pid: process.pid, answering: answering > 0 });
}

/** A sibling's message, relayed by the supervisor. */
function onSiblingMessage(message: unknown): void {
  if (!isForegroundMessage(message) || message.pid === process.pid) return;
  if ('watchUntil' in message) {
    reportingUntil = Math.max(reportingUntil, message.watchUntil);
    reportAnswering();
  } else if (message.answering) siblingsAnswering.add(message.pid);
  else siblingsAnswering.delete(message.pid);
}

if (supervised) process.on('message', onSiblingMessage);

/** Asks the siblings, at most every half window, to go on reporting; after a pause, forgets what they said then. */
function watchSiblings(): void {
  if (!supervised) return;
  const now = Date.now();
  if (now < watchingUntil - REPORTING_MS / 2) return;
  if (now >= watchingUntil) siblingsAnswering.clear();
  watchingUntil = now + REPORTING_MS;
  toSupervisor({ gatehouse: 'foreground', pid: process.pid, watchUntil: watchingUntil });
}

/** The supervisor's part: passes a server process's message on to every other one still connected (one stopping may not be). */
export function relayToSiblings(message: unknown, from: number | undefined): void {
  if (!isForegroundMessage(message)) return;
  for (const sibling of Object.values(cluster.workers ?? {})) {
    if (sibling && sibling.process.pid !== from && sibling.isConnected()) sibling.send(message, undefined, {}, ignoreFailure);
  }
}

/** Runs a request's `work`, counted as being answered until it settles. */
export async function answeringRequest<T>(work: () => Promise<T>): Promise<T> {
  if ((answering += 1) === 1) reportAnswering();
  try {
    return await insideRequest.run(true, work);
  } finally {
    if ((answering -= 1) === 0) reportAnswering();
  }
}

/** Requests being answered other than the caller's own (an import's checks run inside its upload's request), here or in a sibling. */
function othersAnswering(): number {
  return answering - (insideRequest.getStore() ? 1 : 0) + siblingsAnswering.size;
}

/** Waits while other requests are being answered, for at most `maxMs`, so the caller never stalls. */
export async function giveWay(maxMs: number): Promise<void> {
  watchSiblings();
  const until = performance.now() + maxMs;
  while (othersAnswering() > 0 && performance.now() < until) await sleep(1);
}
