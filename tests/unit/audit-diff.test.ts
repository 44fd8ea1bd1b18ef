import { describe, expect, it } from 'vitest';
import { eventHash, GENESIS_HASH, type ChainedContent } from '@/lib/audit/chain';
import { auditDiff, canonicalJson } from '@/lib/audit/diff';
import { redactDeletedUser } from '@/lib/audit/redact';

describe('audit diff', () => {
  it('keeps only the fields that changed, with their old and new values', () => {
    const diff = auditDiff(
      { email: 'a@example.com', firstName: 'Ann', scopes: ['user'], updatedAt: new Date('2026-01-01T00:00:00Z') },
      { email: 'a@example.com', firstName: 'Anna', scopes: ['user', 'admin'], updatedAt: new Date('2026-01-02T00:00:00Z') },
    );
    expect(diff).toEqual({
      before: { firstName: 'Ann', scopes: ['user'], updatedAt: '2026-01-01T00:00:00.000Z' },
      after: { firstName: 'Anna', scopes: ['user', 'admin'], updatedAt: '2026-01-02T00:00:00.000Z' },
    });
  });

  it('writes secrets only as "changed", on a change, a creation and a removal', () => {
    expect(auditDiff({ passwordHash: '$argon2id$old' }, { passwordHash: '$argon2id$new' })).toEqual({ before: { passwordHash: 'changed' }, after: { passwordHash: 'changed' } });
    const created = auditDiff(undefined, { email: 'b@example.com', password: 'hunter2 hunter2' });
    expect(created).toEqual({ before: null, after: { email: 'b@example.com', password: 'changed' } });
    expect(JSON.stringify(auditDiff({ secret: 'whsec_abc' }, undefined))).not.toContain('whsec_abc');
  });

  it('records nothing when nothing changed, whatever the key order', () => {
    expect(auditDiff({ metadata: { a: 1, b: 2 } }, { metadata: { b: 2, a: 1 } })).toEqual({ before: null, after: null });
  });
});

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
