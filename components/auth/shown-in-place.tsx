'use client';

// One function for every render: React calls a ref callback again only when it changes, so this focuses once, on mount.
const focusOnMount = (element: HTMLDivElement | null) => element?.focus();

/** News that replaces a form or appears beside it after submitting: focused, so a screen reader reads it at once and it scrolls into view. */
export function ShownInPlace({ children }: { children: React.ReactNode }) {
  return (
    <div tabIndex={-1} ref={focusOnMount} className="outline-none">
      {children}
    </div>
  );
}
