import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { UserStatus } from '@/lib/users/status';

const STATUS_TONES: Record<UserStatus, BadgeTone> = {
  active: 'green',
  pending: 'amber',
  suspended: 'red',
  locked: 'orange',
  deleting: 'neutral',
};

export function UserStatusBadge({ status }: { status: UserStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{status}</Badge>;
}
