'use client';

import { useCallback, useState, useTransition } from 'react';
import { changeUsersStatusAction } from '@/lib/actions/user-status';
import type { FormResult } from '@/lib/form-result';
import type { StatusChangeOutcome } from '@/lib/user-status-changes';
import { STATUS_CHANGES, type StatusChange } from '@/lib/user-status';

export type StatusChangeNotice = { tone: 'info' | 'error'; text: string };

function describeOutcome(outcome: FormResult<StatusChangeOutcome>, status: StatusChange): StatusChangeNotice {
  if (!outcome.ok) return { tone: 'error', text: outcome.message };
  const plural = (n: number) => `${n} user${n === 1 ? '' : 's'}`;
  const parts = [];
  if (outcome.changed > 0 || outcome.failed.length === 0) parts.push(`${STATUS_CHANGES[status].done} ${plural(outcome.changed)}.`);
  if (outcome.failed.length > 0) {
    parts.push(`${plural(outcome.failed.length)} not changed: ${outcome.failed.map((failure) => `${failure.name}: ${failure.message}`).join(' ')}`);
  }
  return { tone: outcome.failed.length ? 'error' : 'info', text: parts.join(' ') };
}

/** Runs a suspend or activate on some users (a row's menu, the bulk bar) and keeps the message saying how it went. */
export function useStatusChange(onDone: () => void) {
  const [pending, startTransition] = useTransition();
  const [notice, setNotice] = useState<StatusChangeNotice | null>(null);
  const changeStatus = useCallback(
    (ids: string[], status: StatusChange) => {
      setNotice(null);
      startTransition(async () => {
        const outcome = await changeUsersStatusAction(ids, status);
        setNotice(describeOutcome(outcome, status));
        onDone();
      });
    },
    [onDone],
  );
  return { changeStatus, pending, notice };
}
