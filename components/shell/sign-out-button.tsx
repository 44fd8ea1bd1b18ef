import { signOutAction } from '@/lib/actions/sign-out';
import { Button } from '@/components/ui/button';

// Signing out always redirects: the form has no answer to show.
const signOut = signOutAction as unknown as () => Promise<void>;

export function SignOutButton() {
  return (
    <form action={signOut}>
      <Button type="submit" variant="secondary" className="px-3 py-1.5">
        Sign out
      </Button>
    </form>
  );
}
