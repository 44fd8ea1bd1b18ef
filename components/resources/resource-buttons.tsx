'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { DeleteResourceDialog } from './delete-resource-dialog';
import { ResourceFormDialog, type EditableResource, type TenantOption } from './resource-form-dialog';

/** The resources page's "New resource", with its form. */
export function NewResourceButton({ tenants, allowGlobal }: { tenants: TenantOption[]; allowGlobal: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>New resource</Button>
      {open && <ResourceFormDialog tenants={tenants} allowGlobal={allowGlobal} onClose={() => setOpen(false)} />}
    </>
  );
}

type ResourceButtonsProps = { resource: EditableResource & { holderCount: number }; tenants: TenantOption[]; allowGlobal: boolean };

/** A resource page's Edit and Delete. */
export function ResourceButtons({ resource, tenants, allowGlobal }: ResourceButtonsProps) {
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  return (
    <div className="flex gap-2">
      <Button variant="secondary" onClick={() => setDialog('edit')}>
        Edit
      </Button>
      <Button variant="danger" onClick={() => setDialog('delete')}>
        Delete
      </Button>
      {dialog === 'edit' && <ResourceFormDialog resource={resource} tenants={tenants} allowGlobal={allowGlobal} onClose={() => setDialog(null)} />}
      {dialog === 'delete' && <DeleteResourceDialog resource={resource} backToList onClose={() => setDialog(null)} />}
    </div>
  );
}
