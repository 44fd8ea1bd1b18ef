import { describe, expect, it } from 'vitest';
import { eventHash, GENESIS_HASH, type ChainedContent } from '@/lib/audit/chain';
import { canonicalJson } from '@/lib/audit/diff';
import { redactDeletedUser } from '@/lib/audit/redact';

describe('audit chain hash', () => {
  const content: ChainedContent = {
    at: new Date('2026-12-05T10:00:00.123Z'),
    actorKind: 'user',
    actor: 'usr_a',
    action: 'user.updated',
    targetKind: 'user',
    target: 'usr_b',
    tenantId: null,
    before: { firstName: 'Ann' },
    after: { firstName: 'Anna' },
    ip: '127.0.0.1',
    userAgent: 'test',
    requestId: 'r1',
  };

  it('depends on every field and on the previous hash, not on key order', () => {
    const hash = eventHash(GENESIS_HASH, content);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(eventHash(GENESIS_HASH, { ...content, after: { firstName: 'Anne' } })).not.toBe(hash);
    expect(eventHash(hash, content)).not.toBe(hash);
    const reordered = JSON.parse(canonicalJson(content.after)) as Record<string, unknown>;
    expect(eventHash(GENESIS_HASH, { ...content, after: reordered })).toBe(hash);
  });

  it('still verifies once a deleted user is redacted from the event, and not once a redacted field is forged', () => {
    const hash = eventHash(GENESIS_HASH, content);
    const redacted = { ...content, ...redactDeletedUser({ ...content, redactions: null }, 'usr_b', 'deleted-user:t1') };
    expect(redacted).toMatchObject({ target: 'deleted-user:t1', before: null, after: null, actor: 'usr_a', ip: '127.0.0.1' });
    expect(eventHash(GENESIS_HASH, redacted, redacted.redactions)).toBe(hash);
    expect(eventHash(GENESIS_HASH, { ...redacted, action: 'user.created' }, redacted.redactions)).not.toBe(hash);
    const byTheUser = redactDeletedUser({ ...content, redactions: null }, 'usr_a', 'deleted-user:t2');
    expect(byTheUser).toMatchObject({ actor: 'deleted-user:t2', ip: null, userAgent: null });
    expect(eventHash(GENESIS_HASH, { ...content, ...byTheUser }, byTheUser.redactions)).toBe(hash);
  });
});
