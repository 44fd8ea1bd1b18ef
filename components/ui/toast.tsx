'use client';

import * as RadixToast from '@radix-ui/react-toast';
import Link from 'next/link';
import { createContext, useCallback, useContext, useState } from 'react';

/** A page to follow up on from the toast ("Show the report"). */
type ToastLink = { href: string; label: string };
type Toast = { id: number; message: string; link?: ToastLink };

const ShowToast = createContext<(message: string, link?: ToastLink) => void>(() => {
  throw new Error('useToast() needs a <Toaster> above it');
});

/** Shows the result of an action ("Suspended 1 user.") for a few seconds. */
export function useToast() {
  return useContext(ShowToast);
}

let nextId = 0;

/**
 * Holds the toasts of the pages under it (Radix Toast: announced politely to screen readers,
 * paused while hovered or focused, F8 jumps to them, Escape or a swipe dismisses). A failure is
 * not a toast: it stays on the page, beside what failed, until read.
 */
export function Toaster({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const show = useCallback((message: string, link?: ToastLink) => setToasts((current) => [...current, { id: ++nextId, message, link }]), []);
  const remove = (id: number) => setToasts((current) => current.filter((toast) => toast.id !== id));

  return (
    <ShowToast.Provider value={show}>
      <RadixToast.Provider duration={6000} label="Notification">
        {children}
        {toasts.map((toast) => (
          // background: announced politely, after what the screen reader is saying.
          <RadixToast.Root
            key={toast.id}
            type="background"
            onOpenChange={(open) => !open && remove(toast.id)}
            className="flex items-center justify-between gap-3 rounded-md border border-emerald-200 bg-white px-4 py-3 text-sm text-slate-900 shadow-lg"
          >
            <RadixToast.Description className="flex items-center gap-2">
              <span aria-hidden="true" className="text-emerald-600">
                ✓
              </span>
              <span>
                {toast.message}
                {toast.link && (
                  <>
                    {' '}
                    <Link href={toast.link.href} className="font-medium text-indigo-700 underline hover:text-indigo-900">
                      {toast.link.label}
                    </Link>
                  </>
                )}
              </span>
            </RadixToast.Description>
            <RadixToast.Close aria-label="Dismiss" className="rounded px-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900">
              ×
            </RadixToast.Close>
          </RadixToast.Root>
        ))}
        <RadixToast.Viewport className="fixed right-0 bottom-0 z-50 m-0 flex w-full max-w-sm list-none flex-col gap-2 p-4 outline-none" />
      </RadixToast.Provider>
    </ShowToast.Provider>
  );
}
