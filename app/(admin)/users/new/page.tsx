import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { NewUserForm } from '@/components/users/new-user-form';
import { newUserFormValues } from '@/lib/users/form-values';
import { requireOperation } from '@/lib/auth/session';
import { ADMIN_ONLY_CREATE_FIELDS } from '@/lib/users/schemas';
import { mayManageTenant } from '@/lib/access/tenant-scope';
import { listTenants } from '@/lib/tenants/tenants';
import { listTimezones } from '@/lib/users/timezones';
import { DEFAULT_SCOPES } from '@/lib/users/users';

export const metadata: Metadata = { title: 'New user' };

export default async function NewUserPage() {
  const principal = await requireOperation('users.create');
  // A system admin may put the user in any tenant, or none; a tenant admin in one of theirs.
  const tenants = (await listTenants()).filter((tenant) => mayManageTenant(principal, tenant.id));
  const tenantRequired = !principal.isAdmin;
  return (
    <>
      <Link href="/users" className="text-sm text-indigo-700 hover:underline">
        ← Users
      </Link>
      <PageHeader title="New user" description="Create an account. With a password the user can sign in at once." />
      <NewUserForm
        defaultValues={newUserFormValues({ role: 'Subscriber', plan: 'free', scope: DEFAULT_SCOPES, tenant: tenantRequired && tenants.length === 1 ? tenants[0].slug : '' })}
        timezones={listTimezones()}
        fixedFields={principal.isAdmin ? [] : ADMIN_ONLY_CREATE_FIELDS}
        tenantChoice={tenants.length > 0 || tenantRequired ? { options: tenants.map((tenant) => ({ value: tenant.slug, label: tenant.name })), required: tenantRequired } : undefined}
      />
    </>
  );
}
