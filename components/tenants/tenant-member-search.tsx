'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { useDebouncedUrlText } from '@/components/ui/use-debounce';
import { Input, Label } from '@/components/ui/input';
import { MAX_PATTERN_LENGTH } from '@/lib/users/schemas';
import { userListHref, type UserListParams } from '@/lib/search/list-params';

/** Searches the members by email, username or name; the search lives in the URL, as on the users page. */
export function TenantMemberSearch({ params, path }: { params: UserListParams; path: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [pattern, setPattern] = useDebouncedUrlText(params.pattern, (value) =>
    startTransition(() => router.replace(userListHref({ ...params, pattern: value, page: 1 }, path), { scroll: false })),
  );

  return (
    <search className="mb-3 max-w-md">
      <Label htmlFor="members-search">Search members</Label>
      <div className="flex items-center gap-3">
        <Input id="members-search" type="search" placeholder="Email, username or name" maxLength={MAX_PATTERN_LENGTH} value={pattern} onChange={(event) => setPattern(event.target.value)} />
        <span role="status" className="w-20 shrink-0 text-xs text-slate-500">
          {pending ? 'Searching…' : ''}
        </span>
      </div>
    </search>
  );
}
