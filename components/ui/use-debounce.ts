'use client';

import { useEffect, useMemo, useRef, useState } from 'react';

/** How long a search box waits after the last keystroke before it asks. */
export const SEARCH_DELAY_MS = 300;

/**
 * Runs the last action given once `delayMs` pass without another: a newer call replaces the
 * waiting one, `cancel` drops it, and unmounting cancels it.
 */
export function useDebounce(delayMs = SEARCH_DELAY_MS) {
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useMemo(
    () => ({
      run(action: () => void) {
        clearTimeout(timer.current);
        timer.current = setTimeout(action, delayMs);
      },
      cancel() {
        clearTimeout(timer.current);
      },
    }),
    [delayMs],
  );
}

/**
 * A text input's value that follows a URL parameter: typing updates the input at once and
 * commits to the URL after a quiet moment; a URL change from elsewhere (the back button, a
 * "clear filters" link) replaces the text, but the echo of our own commit does not (it would
 * throw away what was typed meanwhile).
 */
export function useDebouncedUrlText(urlValue: string, commit: (value: string) => void) {
  const [text, setText] = useState(urlValue);
  const [committed, setCommitted] = useState(urlValue);
  const [seenUrlValue, setSeenUrlValue] = useState(urlValue);
  if (urlValue !== seenUrlValue) {
    setSeenUrlValue(urlValue);
    if (urlValue !== committed) {
      setText(urlValue);
      setCommitted(urlValue);
    }
  }

  const debounce = useDebounce();
  const change = (value: string) => {
    setText(value);
    debounce.run(() => {
      setCommitted(value.trim());
      commit(value.trim());
    });
  };
  return [text, change] as const;
}
