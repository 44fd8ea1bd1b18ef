import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Requests this process is answering, so background work (an import's checks, a bulk job's
 * batches) can give way to them. On a server with few cores a bulk job's writes and its
 * checks compete with every reader for the same cores; a job that pauses while requests are in
 * hand lets them run as if it were idle, and takes its turn in between.
 */
let answering = 0;
const insideRequest = new AsyncLocalStorage<true>();

/** Runs a request's `work`, counted as being answered until it settles. */
export async function answeringRequest<T>(work: () => Promise<T>): Promise<T> {
  answering += 1;
  try {
    return await insideRequest.run(true, work);
  } finally {
    answering -= 1;
  }
}

/** Requests being answered other than the caller's own (an import's checks run inside its upload's request). */
function othersAnswering(): number {
  return answering - (insideRequest.getStore() ? 1 : 0);
}

/** Waits while other requests are being answered, for at most `maxMs`, so the caller never stalls. */
export async function giveWay(maxMs: number): Promise<void> {
  const until = performance.now() + maxMs;
  while (othersAnswering() > 0 && performance.now() < until) await sleep(1);
}
