'use client';

// Below the settings layout, so the tabs stay usable when only the mail list fails.
export { PageError as default } from '@/components/shell/page-error';
