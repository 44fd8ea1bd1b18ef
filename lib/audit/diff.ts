/** Fields whose values never enter the trail: a change to one reads "changed". */
const SECRET_FIELDS = new Set(['password', 'passwordHash', 'newPassword', 'oldPassword', 'secret', 'secretCiphertext', 'token', 'tokenHash', 'accessKey', 'code', 'codeHash']);
export const SECRET_MARK = 'changed';

type Snapshot = Record<string, unknown>;

/**
 * The before/after pair the trail stores: only the fields both snapshots give that differ
 * (all of them when one side is missing, a creation or a removal) plus the `identity` fields naming what changed,
 * values as JSON (dates as ISO text), secrets as "changed".
 */
export function auditDiff(before: Snapshot | undefined, after: Snapshot | undefined, identity: string[] = []): { before: Snapshot | null; after: Snapshot | null } {
  const was = before && asJson(before);
  const is = after && asJson(after);
  if (!was || !is) return { before: was ? maskSecrets(was) : null, after: is ? maskSecrets(is) : null };
  const changedBefore: Snapshot = {};
  const changedAfter: Snapshot = {};
  // A field one snapshot leaves out (a partial update's) is not known to have changed.
  for (const field of Object.keys(is).filter((name) => name in was)) {
    if (canonicalJson(was[field]) === canonicalJson(is[field])) continue;
    changedBefore[field] = SECRET_FIELDS.has(field) ? SECRET_MARK : was[field];
    changedAfter[field] = SECRET_FIELDS.has(field) ? SECRET_MARK : is[field];
  }
  if (!Object.keys(changedAfter).length) return { before: null, after: null };
  // Which thing changed is part of the change, though it stays the same.
  for (const field of identity) {
    if (field in changedAfter) continue;
    changedBefore[field] = was[field] ?? null;
    changedAfter[field] = is[field] ?? null;
  }
  return { before: changedBefore, after: changedAfter };
}

function maskSecrets(snapshot: Snapshot): Snapshot {
  return Object.fromEntries(Object.entries(snapshot).map(([field, value]) => [field, SECRET_FIELDS.has(field) && value !== null ? SECRET_MARK : value]));
}

/** Dates as ISO text, undefined fields left out: what a JSON column gives back, so the hash over it holds. */
function asJson(snapshot: Snapshot): Snapshot {
  return JSON.parse(JSON.stringify(snapshot)) as Snapshot;
}

/** JSON with object keys sorted at every depth: the same value always reads the same, whichever engine stored it. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Snapshot).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
