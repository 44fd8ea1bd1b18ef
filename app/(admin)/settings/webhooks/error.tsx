'use client';

// Below the settings layout, so the tabs stay usable when only the webhooks fail to load.
export { PageError as default } from '@/components/shell/page-error';
