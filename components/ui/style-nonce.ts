'use client';

import { setNonce } from 'get-nonce';

// Radix's scroll lock (react-remove-scroll, under Dialog, AlertDialog and DropdownMenu) adds a
// <style> element, and our Content-Security-Policy (lib/http/security-headers.ts) admits one only with
// this page's nonce. Next puts that nonce on its script tags, where the `nonce` property still
// reads it (browsers hide only the attribute).
if (typeof document !== 'undefined') {
  const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce;
  if (nonce) setNonce(nonce);
}
