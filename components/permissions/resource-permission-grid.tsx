'use client';

import { useState } from 'react';
import { saveResourcePermissionsAction, type UserToAdd } from '@/lib/actions/permissions';
import { EmptyState } from '@/components/ui/empty-state';
import { AddUserSearch } from './add-user-search';
import type { GridRow } from '@/lib/permissions/grid-rows';
import { PermissionGrid } from './permission-grid';

function addedRow(user: UserToAdd): GridRow {
  return {
    key: user.id,
    name: user.name,
    label: user.email,
    detail: user.name === user.email ? undefined : user.email,
    href: `/users/${user.id}`,
    status: user.status === 'active' ? undefined : user.status,
    grant: null,
    note: 'Added: choose a role',
  };
}

/** A resource's page: who holds which role on it, with users to add found by search. */
export function ResourcePermissionGrid({ resource, rows }: { resource: { id: string; name: string }; rows: GridRow[] }) {
  const [added, setAdded] = useState<GridRow[]>([]);
  const [focusRowKey, setFocusRowKey] = useState<string | null>(null);
  const holders = new Set(rows.map((row) => row.key));
  // Added rows come first, where the admin is looking; once saved, they come back as holders.
  const shown = [...added.filter((row) => !holders.has(row.key)), ...rows];

  return (
    <PermissionGrid
      id="resource-grid"
      title="Who holds a role"
      description="One role per person; each role includes the ones to its left. Changes are saved together when you press Save roles."
      rowsAre="users"
      subject={resource.name}
      rows={shown}
      focusRowKey={focusRowKey}
      toolbar={
        <AddUserSearch
          resourceId={resource.id}
          listed={new Set(shown.map((row) => row.key))}
          onAdd={(user) => {
            setAdded([addedRow(user), ...added]);
            setFocusRowKey(user.id);
          }}
        />
      }
      empty={
        <EmptyState title="No one holds a role yet">
          <p>Find a user above to add them, then choose their role.</p>
        </EmptyState>
      }
      onSave={(changes) => saveResourcePermissionsAction(resource.id, changes)}
      onReset={() => {
        setAdded([]);
        setFocusRowKey(null);
      }}
    />
  );
}
