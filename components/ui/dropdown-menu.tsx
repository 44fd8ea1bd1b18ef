'use client';

import * as RadixMenu from '@radix-ui/react-dropdown-menu';
import { createContext, useContext, useRef } from 'react';
import { cn } from '@/lib/pages/cn';
import './style-nonce';

/** Lets an item's action wait until the menu has closed (see DropdownMenuItem). */
const AfterClose = createContext<(action: () => void) => void>((action) => action());

/**
 * A button that opens a menu (Radix DropdownMenu: menu roles, arrow keys and typeahead, Escape,
 * focus back on the button). `label` names the button, e.g. "Actions for Ada Lovelace".
 */
export function DropdownMenu({ label, children }: { label: string; children: React.ReactNode }) {
  const triggerRef = useRef<HTMLButtonElement>(null);
  const afterClose = useRef<(() => void) | undefined>(undefined);

  return (
    <RadixMenu.Root>
      <RadixMenu.Trigger
        ref={triggerRef}
        aria-label={label}
        className="rounded-md px-2 py-1 text-lg leading-none text-slate-600 hover:bg-slate-100 hover:text-slate-900 data-[state=open]:bg-slate-100"
      >
        ⋯
      </RadixMenu.Trigger>
      <RadixMenu.Portal>
        <RadixMenu.Content
          align="end"
          sideOffset={4}
          collisionPadding={8}
          // The chosen action runs once focus is back on the button, so a dialog it opens
          // returns focus to the button when it closes.
          onCloseAutoFocus={(event) => {
            const action = afterClose.current;
            if (!action) return;
            afterClose.current = undefined;
            event.preventDefault();
            triggerRef.current?.focus();
            action();
          }}
          className="z-30 min-w-40 rounded-md border border-slate-200 bg-white py-1 text-left text-sm shadow-lg"
        >
          <AfterClose.Provider value={(action) => (afterClose.current = action)}>{children}</AfterClose.Provider>
        </RadixMenu.Content>
      </RadixMenu.Portal>
    </RadixMenu.Root>
  );
}

const itemClassName = 'block w-full cursor-default px-3 py-2 text-left outline-none data-[disabled]:text-slate-400';
const tones = {
  neutral: 'text-slate-800 data-[highlighted]:bg-slate-100',
  danger: 'text-red-700 data-[highlighted]:bg-red-50',
} as const;

/** One action of the menu; `onSelect` runs after the menu has closed. */
export function DropdownMenuItem({ onSelect, disabled, tone = 'neutral', children }: { onSelect: () => void; disabled?: boolean; tone?: keyof typeof tones; children: React.ReactNode }) {
  const runAfterClose = useContext(AfterClose);
  return (
    <RadixMenu.Item disabled={disabled} onSelect={() => runAfterClose(onSelect)} className={cn(itemClassName, tones[tone])}>
      {children}
    </RadixMenu.Item>
  );
}

/** A menu item that is a link (give it a Next `<Link>` as its child). */
export function DropdownMenuLinkItem({ children }: { children: React.ReactElement }) {
  return (
    <RadixMenu.Item asChild className={cn(itemClassName, tones.neutral)}>
      {children}
    </RadixMenu.Item>
  );
}
