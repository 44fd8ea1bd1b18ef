'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Input, Label } from '@/components/ui/input';

/** The new endpoint's signing secret, shown this once, with a copy button. */
export function WebhookSecretDialog({ url, secret, onClose }: { url: string; secret: string; onClose: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <Dialog title="Endpoint registered: copy its signing secret" onClose={onClose} className="max-w-lg">
      <div className="mt-3 space-y-4">
        <p className="text-slate-700">
          Deliveries to <span className="font-medium break-all">{url}</span> are signed with this secret (Standard Webhooks). Give it to the receiver so it can check each signature.
        </p>
        <Alert tone="info">You will not see this secret again. Copy it now; if it is lost, delete the endpoint and register it anew.</Alert>
        <div>
          <Label htmlFor="webhook-secret">Signing secret</Label>
          <div className="flex gap-2">
            <Input id="webhook-secret" readOnly value={secret} className="font-mono text-xs" onFocus={(event) => event.currentTarget.select()} />
            <Button variant="secondary" onClick={copy}>
              Copy
            </Button>
          </div>
          <p role="status" className="mt-1 min-h-5 text-xs text-slate-600">
            {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'The browser refused to copy: select the secret and copy it by hand.' : ''}
          </p>
        </div>
        <div className="flex justify-end">
          <Button onClick={onClose}>I have stored it</Button>
        </div>
      </div>
    </Dialog>
  );
}
