import { and, eq, isNull, lt, lte, or } from 'drizzle-orm';
import { transaction } from '@/db/client';
import { scheduledTasks } from '@/db/schema';
import { applyAuditRetention } from '@/lib/audit/retention';
import { sweepExpiredThrottleRows } from '@/lib/auth/throttle';
import { applyInactivityPolicy } from '@/lib/inactivity/inactivity';
import { instanceId } from './instance';

/**
 * Periodic work that must run once per period whichever instances are up: each run is
 * claimed with a lease on the task's row, so one instance runs it and the others skip it. A
 * holder that dies mid-run stops holding once its lease runs out, and the next instance to
 * look runs the task again (every task is safe to run again).
 */

export type ScheduledTask = {
  name: string;
  /** From the end of one run to the start of the next. */
  everyMs: number;
  /** Longer than a run ever takes: past it, another instance may start the task over. */
  leaseMs: number;
  run: (now: Date) => Promise<unknown>;
};

export const SCHEDULED_TASKS: ScheduledTask[] = [
  { name: 'sweep-throttle-counters', everyMs: 5 * 60_000, leaseMs: 5 * 60_000, run: sweepExpiredThrottleRows },
  // Removes audit events past the retention setting; short batches, so a lease of an hour is ample.
  { name: 'audit-retention', everyMs: 24 * 60 * 60_000, leaseMs: 60 * 60_000, run: applyAuditRetention },
  // Suspends accounts past the inactivity policy's limit and mails its warnings; off until an admin turns the policy on.
  { name: 'inactivity-policy', everyMs: 24 * 60 * 60_000, leaseMs: 60 * 60_000, run: applyInactivityPolicy },
];

const POLL_MS = 30_000;

/**
 * Claims the task's next run for `owner` if it is due and nobody holds it. One conditional
 * UPDATE decides: on PostgreSQL a second claimer waits for the first's row lock, then finds
 * the lease taken and changes nothing; on SQLite write transactions run one at a time anyway.
 */
export function claimScheduledTask(task: Pick<ScheduledTask, 'name' | 'leaseMs'>, { owner = instanceId(), now = new Date() } = {}): Promise<boolean> {
  return transaction(async (tx) => {
    // The task's first run anywhere creates its row, due at once.
    await tx.insert(scheduledTasks).values({ name: task.name, nextRunAt: now }).onConflictDoNothing();
    const claimed = await tx
      .update(scheduledTasks)
      .set({ leaseOwner: owner, leaseUntil: new Date(now.getTime() + task.leaseMs) })
      .where(and(eq(scheduledTasks.name, task.name), lte(scheduledTasks.nextRunAt, now), or(isNull(scheduledTasks.leaseUntil), lt(scheduledTasks.leaseUntil, now))))
      .returning({ name: scheduledTasks.name });
    return claimed.length > 0;
  });
}

/** Ends `owner`'s run: due again `everyMs` from now. Nothing happens if the lease was lost to another instance meanwhile. */
export async function finishScheduledTask(task: Pick<ScheduledTask, 'name' | 'everyMs'>, { owner = instanceId(), now = new Date() } = {}): Promise<void> {
  await transaction((tx) =>
    tx
      .update(scheduledTasks)
      .set({ leaseOwner: null, leaseUntil: null, nextRunAt: new Date(now.getTime() + task.everyMs) })
      .where(and(eq(scheduledTasks.name, task.name), eq(scheduledTasks.leaseOwner, owner))),
  );
}

/** Runs each task that is due and that this instance claims; a failed run is logged and tried again next period. */
export async function runDueScheduledTasks(tasks = SCHEDULED_TASKS): Promise<void> {
  for (const task of tasks) {
    if (!(await claimScheduledTask(task))) continue;
    try {
      await task.run(new Date());
    } catch (error) {
      console.error(`[gatehouse] Scheduled task ${task.name} failed`, error);
    } finally {
      await finishScheduledTask(task);
    }
  }
}

const holder = globalThis as typeof globalThis & { gatehouseScheduledTasks?: NodeJS.Timeout };

/** Starts looking for due scheduled tasks; called once at server start. */
export function startScheduledTasks(): void {
  if (holder.gatehouseScheduledTasks) return;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await runDueScheduledTasks();
    } catch (error) {
      console.error('[gatehouse] Scheduled tasks error', error);
    } finally {
      busy = false;
    }
  };
  holder.gatehouseScheduledTasks = setInterval(tick, POLL_MS);
  holder.gatehouseScheduledTasks.unref();
}
