import { describe, expect, it } from 'vitest';
import { auditDiff } from '@/lib/audit/diff';

describe('auditDiff', () => {
  it('keeps only the fields that changed, as JSON', () => {
    const at = new Date('2030-01-01T00:00:00Z');
    expect(auditDiff({ email: 'a@x', role: 'Subscriber', scope: ['user'], expiresAt: null }, { email: 'b@x', role: 'Subscriber', scope: ['user', 'beta'], expiresAt: at })).toEqual({
      before: { email: 'a@x', scope: ['user'], expiresAt: null },
      after: { email: 'b@x', scope: ['user', 'beta'], expiresAt: '2030-01-01T00:00:00.000Z' },
    });
  });

  it('compares objects by content, whatever the order of their keys', () => {
    expect(auditDiff({ metadata: { a: 1, b: 2 } }, { metadata: { b: 2, a: 1 } })).toEqual({ before: null, after: null });
  });

  it('compares only the fields both snapshots give: a partial update leaves the others unknown, not emptied', () => {
    expect(auditDiff({ slug: 'acme', name: 'Acme' }, { name: 'Acme Corp' })).toEqual({ before: { name: 'Acme' }, after: { name: 'Acme Corp' } });
    expect(auditDiff({ slug: 'acme', name: 'Acme' }, { name: 'Acme', slug: undefined })).toEqual({ before: null, after: null });
  });

  it('shows secrets only as "changed", on both sides, in creations and removals too', () => {
    expect(auditDiff({ passwordHash: null, status: 'pending' }, { passwordHash: '$argon2id$…', status: 'active' })).toEqual({
      before: { passwordHash: 'changed', status: 'pending' },
      after: { passwordHash: 'changed', status: 'active' },
    });
    expect(auditDiff(undefined, { email: 'a@x', password: 'hunter2 hunter2' })).toEqual({ before: null, after: { email: 'a@x', password: 'changed' } });
  });

  it('names what changed with the identity fields, once something did', () => {
    expect(auditDiff({ resourceId: 'res_1', role: 'reader' }, { resourceId: 'res_1', role: 'owner' }, ['resourceId'])).toEqual({
      before: { resourceId: 'res_1', role: 'reader' },
      after: { resourceId: 'res_1', role: 'owner' },
    });
    expect(auditDiff({ resourceId: 'res_1', role: 'reader' }, { resourceId: 'res_1', role: 'reader' }, ['resourceId'])).toEqual({ before: null, after: null });
  });
});
