import { fieldDigest, type ChainedContent, type Redactions } from './chain';

type RedactableEvent = Pick<ChainedContent, 'actor' | 'target' | 'before' | 'after' | 'ip' | 'userAgent'> & { redactions: Redactions | null };

/**
 * What an event keeps once the user it names is deleted: their id becomes `pseudonym`; as the
 * actor, their address and browser go; as the target, the before/after values (their profile)
 * go. Each removed value leaves its digest behind (Redactions), so the chain still verifies.
 */
export function redactDeletedUser(event: RedactableEvent, userId: string, pseudonym: string): Partial<RedactableEvent> {
  const redactions: Redactions = { ...event.redactions };
  const changes: Partial<RedactableEvent> = {};
  const replace = <F extends keyof RedactableEvent & keyof Redactions>(field: F, value: RedactableEvent[F]) => {
    if (event[field] === value) return;
    redactions[field] ??= fieldDigest(event[field]);
    changes[field] = value;
  };
  if (event.actor === userId) {
    replace('actor', pseudonym);
    replace('ip', null);
    replace('userAgent', null);
  }
  if (event.target === userId) {
    replace('target', pseudonym);
    replace('before', null);
    replace('after', null);
  }
  return Object.keys(changes).length ? { ...changes, redactions } : {};
}
