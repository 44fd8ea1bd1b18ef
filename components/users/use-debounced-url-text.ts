'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * A text input's value that follows a URL parameter: typing updates the input at once and
 * commits to the URL after `delayMs` of quiet; a URL change from elsewhere (the back button, a
 * "clear filters" link) replaces the text, but the echo of our own commit does not (it would
 * throw away what was typed meanwhile).
 */
export function useDebouncedUrlText(urlValue: string, commit: (value: string) => void, delayMs = 300) {
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

  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const change = (value: string) => {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setCommitted(value.trim());
      commit(value.trim());
    }, delayMs);
  };
  return [text, change] as const;
}
