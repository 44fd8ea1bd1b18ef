'use client';

import * as RadixDialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import { cn } from '@/lib/pages/cn';
import './style-nonce';

/** The look every dialog shares (Dialog, ConfirmDialog): a centred card over a dimmed page. */
export const dialogOverlayClassName = 'fixed inset-0 z-40 bg-slate-900/40';
export const dialogContentClassName =
  'fixed top-1/2 left-1/2 z-50 max-h-[calc(100%-2rem)] w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg border border-slate-200 bg-white p-5 text-left text-sm whitespace-normal text-slate-800 shadow-xl sm:p-6';
export const dialogTitleClassName = 'text-lg font-semibold text-slate-900';

/**
 * Where focus goes when a dialog closes: the element that had it when the dialog opened (the
 * button that opened it). Radix returns focus only to its own Trigger part, which our dialogs,
 * opened from state, do not use.
 */
export function useFocusReturn() {
  const [opener] = useState(() => (typeof document === 'undefined' ? null : (document.activeElement as HTMLElement | null)));
  return (event: Event) => {
    event.preventDefault();
    if (opener?.isConnected) opener.focus();
  };
}

/**
 * A modal with a form or a message (Radix Dialog: focus kept inside, Escape closes, focus goes
 * back where it was). It is open while mounted: the parent closes it by unmounting it, and hears
 * of Escape through `onClose`. A click outside does not close it: a stray click would lose a form.
 */
export function Dialog({ title, onClose, children, className }: { title: string; onClose: () => void; children: React.ReactNode; className?: string }) {
  const returnFocus = useFocusReturn();
  return (
    <RadixDialog.Root open onOpenChange={(open) => !open && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={dialogOverlayClassName} />
        {/* No Description part: the children describe themselves, with labels and hints. */}
        <RadixDialog.Content
          aria-describedby={undefined}
          onInteractOutside={(event) => event.preventDefault()}
          onCloseAutoFocus={returnFocus}
          className={cn(dialogContentClassName, className)}
        >
          <RadixDialog.Title className={dialogTitleClassName}>{title}</RadixDialog.Title>
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
