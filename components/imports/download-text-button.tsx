'use client';

import { Button } from '@/components/ui/button';

/** Saves what the page already holds (a report) as a file, without another trip to the server; `text` is made on click. */
export function DownloadTextButton({ text, fileName, type, children }: { text: () => string; fileName: string; type: string; children: React.ReactNode }) {
  const download = () => {
    const url = URL.createObjectURL(new Blob([text()], { type: `${type};charset=utf-8` }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    // The browser has taken its copy once the click is handled.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <Button variant="secondary" onClick={download}>
      {children}
    </Button>
  );
}
