'use client';

import Link from 'next/link';
import { useId, useRef } from 'react';
import { offersStatusChange, STATUS_CHANGES, type StatusChange } from '@/lib/user-status';
import type { UserTableRow } from './user-table-row';

const MENU_HEIGHT_ESTIMATE = 136;

/**
 * The "⋯" menu of a row. It is a popover (the browser's top layer), so the table's scrolling
 * box cannot clip it; Escape and a click elsewhere close it.
 */
export function UsersTableRowActions({
  user,
  onChangeStatus,
  onDelete,
  disabled,
}: {
  user: UserTableRow;
  onChangeStatus: (status: StatusChange) => void;
  /** Absent when the caller may not delete users. */
  onDelete: (() => void) | undefined;
  disabled: boolean;
}) {
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const changes = (Object.keys(STATUS_CHANGES) as StatusChange[]).filter((status) => offersStatusChange(user.status, status));

  // Placed before it shows (no flash in the middle of the screen): under the button, or above it near the bottom.
  const place = (event: React.ToggleEvent<HTMLDivElement>) => {
    if (event.newState !== 'open' || !buttonRef.current) return;
    const button = buttonRef.current.getBoundingClientRect();
    const menu = event.currentTarget.style;
    menu.right = `${window.innerWidth - button.right}px`;
    const below = button.bottom + MENU_HEIGHT_ESTIMATE < window.innerHeight;
    menu.top = below ? `${button.bottom + 4}px` : 'auto';
    menu.bottom = below ? 'auto' : `${window.innerHeight - button.top + 4}px`;
  };

  // A fixed menu would drift away from its row on scroll, so scrolling closes it.
  const stopClosingOnScroll = useRef<() => void>(undefined);
  const followOpenState = (event: React.ToggleEvent<HTMLDivElement>) => {
    stopClosingOnScroll.current?.();
    if (event.newState !== 'open') return;
    event.currentTarget.querySelector<HTMLElement>('a, button')?.focus();
    const close = () => menuRef.current?.hidePopover();
    window.addEventListener('scroll', close, { capture: true });
    stopClosingOnScroll.current = () => window.removeEventListener('scroll', close, { capture: true });
  };

  const choose = (status: StatusChange) => {
    menuRef.current?.hidePopover();
    onChangeStatus(status);
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        popoverTarget={menuId}
        aria-label={`Actions for ${user.name}`}
        className="rounded-md px-2 py-1 text-lg leading-none text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      >
        ⋯
      </button>
      <div
        ref={menuRef}
        id={menuId}
        popover="auto"
        onBeforeToggle={place}
        onToggle={followOpenState}
        className="fixed left-auto m-0 w-40 rounded-md border border-slate-200 bg-white py-1 text-left text-sm shadow-lg"
      >
        <Link href={`/users/${user.id}`} className="block px-3 py-2 text-slate-800 hover:bg-slate-50">
          Open
        </Link>
        {changes.map((status) => (
          <button
            key={status}
            type="button"
            disabled={disabled}
            onClick={() => choose(status)}
            className="block w-full px-3 py-2 text-left text-slate-800 hover:bg-slate-50 disabled:text-slate-400"
          >
            {STATUS_CHANGES[status].verb}
          </button>
        ))}
        {onDelete && user.status !== 'deleting' && (
          <button
            type="button"
            onClick={() => {
              menuRef.current?.hidePopover();
              onDelete();
            }}
            className="block w-full px-3 py-2 text-left text-red-700 hover:bg-red-50"
          >
            Delete…
          </button>
        )}
      </div>
    </>
  );
}
