'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** Re-renders the page's server components every `intervalMs` while `enabled` (e.g. while a job runs). */
export function AutoRefresh({ enabled, intervalMs }: { enabled: boolean; intervalMs: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [enabled, intervalMs, router]);
  return null;
}
