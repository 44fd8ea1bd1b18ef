'use client';

import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useId, useRef, useState, useTransition } from 'react';
import { Alert } from './alert';
import { Button } from './button';
import { dialogContentClassName, dialogOverlayClassName, dialogTitleClassName, useFocusReturn } from './dialog';
import { Input, Label } from './input';
import './style-nonce';

type ConfirmDialogProps = {
  title: string;
  /** What will happen, in a sentence or two. */
  description: React.ReactNode;
  confirmLabel: string;
  /** The confirm button's text while the action runs ("Deleting…"). */
  pendingLabel: string;
  /** `danger` for what cannot be undone or takes something away. */
  tone?: 'danger' | 'primary';
  /** Asks the admin to type something first, e.g. the email of the user to delete. */
  typedConfirmation?: { label: React.ReactNode; accepts: (typed: string) => boolean };
  /**
   * Does the thing. A returned message is a refusal, shown in the dialog, which stays open;
   * otherwise the caller closes the dialog (or navigates away).
   */
  onConfirm: () => Promise<string | void>;
  onClose: () => void;
};

/**
 * Asks before an action (Radix AlertDialog: role alertdialog, focus starts on Cancel, or on the
 * typed confirmation, stays inside, and goes back to what opened it). Open while mounted, like Dialog.
 */
export function ConfirmDialog({ title, description, confirmLabel, pendingLabel, tone = 'danger', typedConfirmation, onConfirm, onClose }: ConfirmDialogProps) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const returnFocus = useFocusReturn();
  const confirmed = !typedConfirmation || typedConfirmation.accepts(typed.trim());

  const confirm = (event: React.FormEvent) => {
    event.preventDefault();
    if (!confirmed || pending) return;
    setError(null);
    startTransition(async () => {
      const refusal = await onConfirm();
      if (refusal) setError(refusal);
    });
  };

  return (
    <AlertDialog.Root open onOpenChange={(open) => !open && onClose()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={dialogOverlayClassName} />
        <AlertDialog.Content
          className={dialogContentClassName}
          onCloseAutoFocus={returnFocus}
          onOpenAutoFocus={(event) => {
            if (!typedConfirmation) return;
            event.preventDefault();
            inputRef.current?.focus();
          }}
        >
          <AlertDialog.Title className={dialogTitleClassName}>{title}</AlertDialog.Title>
          <form onSubmit={confirm} className="mt-3 space-y-4">
            <AlertDialog.Description asChild>
              <div className="text-slate-700">{description}</div>
            </AlertDialog.Description>
            {error && <Alert>{error}</Alert>}
            {typedConfirmation && (
              <div>
                <Label htmlFor={inputId}>{typedConfirmation.label}</Label>
                <Input ref={inputRef} id={inputId} value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" spellCheck={false} autoCapitalize="none" />
              </div>
            )}
            <div className="flex flex-wrap justify-end gap-2">
              <AlertDialog.Cancel asChild>
                <Button variant="secondary">Cancel</Button>
              </AlertDialog.Cancel>
              <Button type="submit" variant={tone} disabled={!confirmed || pending}>
                {pending ? pendingLabel : confirmLabel}
              </Button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
