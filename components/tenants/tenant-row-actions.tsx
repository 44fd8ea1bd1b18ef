'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/pages/cn';
import type { TenantToChange } from '@/lib/tenants/tenants';
import { DeleteTenantDialog } from './delete-tenant-dialog';
import { RenameTenantDialog } from './rename-tenant-dialog';

/** A tenant row's Rename and Delete, each asking in a dialog. */
export function TenantRowActions({ tenant, className }: { tenant: TenantToChange; className?: string }) {
  const [open, setOpen] = useState<'rename' | 'delete' | null>(null);
  return (
    <div className={cn('flex gap-1', className)}>
      <Button variant="ghost" className="px-2.5 py-1" onClick={() => setOpen('rename')} aria-label={`Rename ${tenant.name}`}>
        Rename
      </Button>
      <Button variant="ghost" className="px-2.5 py-1" onClick={() => setOpen('delete')} aria-label={`Delete ${tenant.name}`}>
        <span className="text-red-700">Delete</span>
      </Button>
      {open === 'rename' && <RenameTenantDialog tenant={tenant} onClose={() => setOpen(null)} />}
      {open === 'delete' && <DeleteTenantDialog tenant={tenant} onClose={() => setOpen(null)} />}
    </div>
  );
}
