import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { answeringRequest, giveWay } from '@/lib/server/foreground';

/** How long background work waits in giveWay(maxMs). */
async function waited(maxMs: number): Promise<number> {
  const started = performance.now();
  await giveWay(maxMs);
  return performance.now() - started;
}

describe('background work giving way to requests', () => {
  it('does not wait when no request is being answered', async () => {
    expect(await waited(200)).toBeLessThan(20);
  });

  it('waits while another request is answered, and goes on once it is', async () => {
    const request = answeringRequest(() => sleep(60));
    const wait = await waited(1_000);
    await request;
    expect(wait).toBeGreaterThanOrEqual(50);
    expect(wait).toBeLessThan(500);
  });

  it('never waits longer than its limit, however long the request', async () => {
    const request = answeringRequest(() => sleep(400));
    const wait = await waited(50);
    expect(wait).toBeGreaterThanOrEqual(45);
    expect(wait).toBeLessThan(300);
    await request;
  });

  it('does not wait for the request it runs in (an import checks its file inside its upload)', async () => {
    const wait = await answeringRequest(() => waited(200));
    expect(wait).toBeLessThan(20);
  });
});

describe('background work giving way to requests answered by a sibling server process', () => {
  it('waits while another process of `npm start` answers, and not while it is idle', () => {
    // A supervisor and two cluster workers, relaying as scripts/start.ts does.
    const run = spawnSync(process.execPath, [path.join('node_modules', 'tsx', 'dist', 'cli.mjs'), path.join('tests', 'support', 'foreground-cluster.ts')], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status, run.stderr).toBe(0);
    const { idle, whileAnswering } = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { idle: number; whileAnswering: number };
    expect(idle).toBeLessThan(20);
    // The sibling's request runs 400 ms and had started 50 ms before.
    expect(whileAnswering).toBeGreaterThanOrEqual(250);
    expect(whileAnswering).toBeLessThan(900);
  });
});
