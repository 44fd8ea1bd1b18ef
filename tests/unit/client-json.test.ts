import { describe, expect, it } from 'vitest';
import { parseClientJson } from '@/lib/http/json';

describe('parseClientJson', () => {
  it('replaces a lone surrogate with U+FFFD in strings and keys, at any depth, and keeps pairs', () => {
    const parsed = parseClientJson(String.raw`{"a\ud800":["x\udc00y",{"deep":"\ud83d"}],"pair":"\ud83d\ude00","n":1,"b":true,"z":null}`);
    expect(parsed).toEqual({ 'a\ufffd': ['x\ufffdy', { deep: '\ufffd' }], pair: '😀', n: 1, b: true, z: null });
  });

  it('keeps a key named __proto__ as plain data, as JSON.parse does', () => {
    const parsed = parseClientJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('throws on text that is not JSON', () => {
    expect(() => parseClientJson('{"a":')).toThrow(SyntaxError);
  });
});
