import type { DeletionStatus } from '@/lib/deletion/requests';

/** A deletion's progress as the browser gets it (from a page, an action or the status API): dates as ISO text. */
export type DeletionView = {
  ticket: string;
  userId: string;
  status: DeletionStatus['status'];
  stepsDone: number;
  stepsTotal: number;
  currentStepLabel: string | null;
  requestedAt: string;
  finishedAt: string | null;
  error: string | null;
};

export function toDeletionView(status: DeletionStatus): DeletionView {
  return {
    ticket: status.ticket,
    userId: status.userId,
    status: status.status,
    stepsDone: status.stepsDone,
    stepsTotal: status.stepsTotal,
    currentStepLabel: status.currentStepLabel,
    requestedAt: status.requestedAt.toISOString(),
    finishedAt: status.finishedAt?.toISOString() ?? null,
    error: status.error,
  };
}

/** The same, from the status API's JSON (where the dates are already text). */
export function deletionViewFromJson(json: Record<string, unknown>): DeletionView {
  return {
    ticket: String(json.ticket),
    userId: String(json.userId),
    status: json.status as DeletionView['status'],
    stepsDone: Number(json.stepsDone),
    stepsTotal: Number(json.stepsTotal),
    currentStepLabel: typeof json.currentStepLabel === 'string' ? json.currentStepLabel : null,
    requestedAt: String(json.requestedAt),
    finishedAt: typeof json.finishedAt === 'string' ? json.finishedAt : null,
    error: typeof json.error === 'string' ? json.error : null,
  };
}

export function isDeletionActive(status: DeletionView['status']): boolean {
  return status === 'queued' || status === 'in-progress';
}
