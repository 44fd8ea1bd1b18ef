'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

export type AccessKeyAction = () => Promise<{ ok: true; accessKey: string } | { ok: false; message: string }>;

type AccessKeyPanelProps = {
  /** Whose key: a user's name on their page, or null for the caller's own on /account. */
  ownerName: string | null;
  reveal: AccessKeyAction;
  rotate: AccessKeyAction;
};

type Confirming = 'reveal' | 'rotate' | null;

/**
 * The user's access key (the credential Tyk clients and scripts send): hidden until an admin
 * confirms they want to see it, because every reveal is recorded; then copyable. Rotating
 * replaces it and the old key stops working at once, so it asks first too.
 */
export function AccessKeyPanel({ ownerName, reveal, rotate }: AccessKeyPanelProps) {
  const owner = ownerName ?? 'you';
  const [accessKey, setAccessKey] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; message: string } | null>(null);

  const run = async (action: AccessKeyAction, done: string | null) => {
    setNotice(null);
    const result = await action();
    setConfirming(null);
    if (!result.ok) {
      setNotice({ tone: 'error', message: result.message });
      return;
    }
    setAccessKey(result.accessKey);
    if (done) setNotice({ tone: 'success', message: done });
  };

  const copy = async () => {
    if (!accessKey) return;
    try {
      await navigator.clipboard.writeText(accessKey);
      setNotice({ tone: 'success', message: 'Access key copied.' });
    } catch {
      setNotice({ tone: 'error', message: 'The browser did not allow copying. Select the key and copy it yourself.' });
    }
  };

  return (
    <section aria-labelledby="access-key-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm sm:p-5">
      <h2 id="access-key-title" className="text-sm font-semibold text-slate-900">
        Access key
      </h2>
      <p className="mt-1 mb-3 text-slate-600">A long-lived API credential, for scripts and Tyk Dashboard clients. It ends when {ownerName ? 'the user’s' : 'your'} sessions end.</p>
      {accessKey ? (
        <>
          <label htmlFor="access-key-value" className="mb-1 block text-xs font-medium text-slate-700">
            {ownerName ? `Key of ${ownerName}` : 'Your key'}
          </label>
          <input
            id="access-key-value"
            readOnly
            value={accessKey}
            onFocus={(event) => event.currentTarget.select()}
            className="mb-3 w-full rounded-md border border-slate-300 bg-slate-50 px-2 py-1.5 font-mono text-xs text-slate-900"
          />
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={copy}>
              Copy
            </Button>
            <Button variant="secondary" onClick={() => setAccessKey(null)}>
              Hide
            </Button>
          </div>
        </>
      ) : (
        <p className="mb-3 font-mono text-slate-500" aria-label="Access key hidden">
          gk_••••••••••••••••
        </p>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        {!accessKey && <Button onClick={() => setConfirming('reveal')}>Reveal…</Button>}
        <Button variant="secondary" onClick={() => setConfirming('rotate')}>
          Rotate…
        </Button>
      </div>
      {notice && (
        <Alert tone={notice.tone} className="mt-3 wrap-anywhere">
          {notice.message}
        </Alert>
      )}
      {confirming === 'reveal' && (
        <ConfirmDialog
          title="Reveal the access key?"
          description={<p>Anyone who sees the key can act as {owner} through the API. The audit trail records that it was revealed.</p>}
          tone="primary"
          confirmLabel="Reveal key"
          pendingLabel="Revealing…"
          onConfirm={() => run(reveal, null)}
          onClose={() => setConfirming(null)}
        />
      )}
      {confirming === 'rotate' && (
        <ConfirmDialog
          title="Rotate the access key?"
          description={<p>The current key {ownerName ? `of ${ownerName} ` : ''}stops working at once. Scripts that use it need the new key.</p>}
          confirmLabel="Rotate key"
          pendingLabel="Rotating…"
          onConfirm={() => run(rotate, 'The key was replaced. The old one no longer works.')}
          onClose={() => setConfirming(null)}
        />
      )}
    </section>
  );
}
