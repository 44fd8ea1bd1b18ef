'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { DeleteUserDialog, type UserToDelete } from './delete-user-dialog';

/** The user page's "Delete user", with its confirmation dialog. */
export function DeleteUserButton({ user }: { user: UserToDelete }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete user
      </Button>
      {open && <DeleteUserDialog user={user} onClose={() => setOpen(false)} />}
    </>
  );
}
