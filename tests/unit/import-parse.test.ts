import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { parseImportFile } from '@/lib/imports/parse';

describe('reading an import file', () => {
  it('refuses a NUL character naming its line, for the page’s door as for the API’s', async () => {
    const refusal = await parseImportFile({ text: 'email,firstName\nann@nul.test,Ann\nbob@nul.test,B\u0000b\n', format: 'csv' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ApiError);
    expect((refusal as ApiError).status).toBe(422);
    expect((refusal as ApiError).detail).toMatch(/^Line 3 of the file has a NUL character \(U\+0000\)/);
  });

  it('reads rows that a 32 KB slice cuts, and characters whose halves a slice would part, whole', async () => {
    const firstNameOf = (i: number) => `Zoë ${'€😀'.repeat(i % 7)}\nsecond line`;
    const lines = Array.from({ length: 20_000 }, (_, i) => `u${i}@x.test,"${firstNameOf(i)}"`);
    const { records } = await parseImportFile({ text: `email,firstName\n${lines.join('\n')}`, format: 'csv' });
    expect(records).toHaveLength(20_000);
    expect(records[19_999]).toEqual({ row: 20_000, values: { email: 'u19999@x.test', firstName: firstNameOf(19_999) } });
    const misread = records.filter((record, i) => !('values' in record) || record.values.email !== `u${i}@x.test` || record.values.firstName !== firstNameOf(i));
    expect(misread).toEqual([]);
  });
});
