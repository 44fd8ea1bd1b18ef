/**
 * Two cluster workers under a supervisor that relays as `npm start`'s does (scripts/start.ts):
 * one answers a request of REQUEST_MS, the other's background work gives way meanwhile. Prints
 * how long giveWay(1000) waited with the sibling idle, then while it answered, as JSON.
 */
import cluster, { type Worker } from 'node:cluster';
import { setTimeout as sleep } from 'node:timers/promises';
import { answeringRequest, giveWay, relayToSiblings } from '../../lib/server/foreground';

const REQUEST_MS = 400;

type Command = { run: 'watch' | 'give-way' | 'answer' };

async function worker(): Promise<void> {
  process.on('message', async (message: Command | { gatehouse: string }) => {
    // The siblings' messages are the foreground module's own.
    if (!('run' in message)) return;
    if (message.run === 'watch') await giveWay(0);
    if (message.run === 'answer') await answeringRequest(() => sleep(REQUEST_MS));
    if (message.run === 'give-way') {
      const started = performance.now();
      await giveWay(1_000);
      process.send?.({ waitedMs: Math.round(performance.now() - started) });
      return;
    }
    process.send?.({ done: message.run });
  });
  process.send?.({ ready: true });
}

function reply(worker: Worker): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const listener = (message: Record<string, unknown>) => {
      if (message.gatehouse) return;
      worker.off('message', listener);
      resolve(message);
    };
    worker.on('message', listener);
  });
}

async function supervisor(): Promise<void> {
  cluster.on('message', (from, message) => relayToSiblings(message, from.process.pid));
  const [background, answering] = [cluster.fork(), cluster.fork()];
  await Promise.all([reply(background), reply(answering)]);
  const send = (worker: Worker, run: Command['run']) => {
    const answer = reply(worker);
    worker.send({ run });
    return answer;
  };
  await send(background, 'watch');
  await sleep(100);
  const idle = (await send(background, 'give-way')).waitedMs;
  const request = send(answering, 'answer');
  await sleep(50);
  const whileAnswering = (await send(background, 'give-way')).waitedMs;
  await request;
  console.log(JSON.stringify({ idle, whileAnswering }));
  for (const worker of [background, answering]) worker.kill();
}

(cluster.isPrimary ? supervisor() : worker()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
