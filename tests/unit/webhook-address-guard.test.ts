import { describe, expect, it } from 'vitest';
import { AddressRefusal, nonPublicRangeOf, pinnedLookup, resolvePublicAddresses } from '@/lib/webhooks/address-guard';

const refusal = (url: string) => resolvePublicAddresses(new URL(url), { allowPrivate: false }).then(
  () => null,
  (error: unknown) => (error instanceof AddressRefusal ? error.message : `not a refusal: ${String(error)}`),
);

describe('webhook address guard', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.20.30.40', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'shared (carrier-grade NAT)'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fd12:3456::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::5', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['64:ff9b::10.0.0.1', 'private'],
  ])('%s is %s', (address, range) => {
    expect(nonPublicRangeOf(address)).toBe(range);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::8.8.4.4'])('%s is public', (address) => {
    expect(nonPublicRangeOf(address)).toBeNull();
  });

  it('refuses every spelling of a loopback or private literal', async () => {
    for (const url of ['http://127.0.0.1:8080/', 'http://127.1/', 'http://0x7f000001/', 'http://2130706433/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'https://10.0.0.8/hook']) {
      expect(await refusal(url), url).toMatch(/(loopback|private) address/);
    }
  });

  it('resolves names and refuses one that points at this machine', async () => {
    expect(await refusal('http://localhost:3000/hook')).toMatch(/localhost resolves to a loopback address/);
  });

  it('refuses a name that does not resolve, quickly', async () => {
    const started = Date.now();
    expect(await refusal('http://no-such-host.invalid/')).toMatch(/could not be resolved/);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('lets private addresses through when allowed, and accepts public literals', async () => {
    expect(await resolvePublicAddresses(new URL('http://127.0.0.1:9/'), { allowPrivate: true })).toEqual([{ address: '127.0.0.1', family: 4 }]);
    expect(await resolvePublicAddresses(new URL('https://93.184.215.14/'), { allowPrivate: false })).toEqual([{ address: '93.184.215.14', family: 4 }]);
  });

  it('connects to the checked address, whatever the name resolves to later', () => {
    const lookup = pinnedLookup({ address: '93.184.215.14', family: 4 });
    const answers: unknown[] = [];
    lookup('rebinding.example', {}, (error, address, family) => answers.push([error, address, family]));
    lookup('rebinding.example', { all: true }, (error, addresses) => answers.push([error, addresses]));
    expect(answers).toEqual([
      [null, '93.184.215.14', 4],
      [null, [{ address: '93.184.215.14', family: 4 }]],
    ]);
  });
});
