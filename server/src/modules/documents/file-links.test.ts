import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock.js';
import { FileLinks } from './file-links.js';

const ID = '6f1c1b7e-4b0f-4a51-9b9e-2b1f1f6a7c01';
const parse = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams) as { expires: string; sig: string };

describe('FileLinks', () => {
  const clock = new ManualClock(new Date('2026-03-01T10:00:30Z'));
  const links = new FileLinks('a-test-secret-of-enough-length-0123456789', 300, clock);

  it('signs a link that is valid until its expiry (rounded up to the minute), then expired', () => {
    const url = links.url(ID);
    expect(url.startsWith(`/files/${ID}?expires=`)).toBe(true);
    const { expires, sig } = parse(url);
    expect(Number(expires)).toBe(Date.parse('2026-03-01T10:06:00Z') / 1000);
    expect(links.check(ID, 'file', expires, sig)).toBe('valid');
    clock.set(new Date('2026-03-01T10:05:59Z'));
    expect(links.check(ID, 'file', expires, sig)).toBe('valid');
    clock.set(new Date('2026-03-01T10:06:01Z'));
    expect(links.check(ID, 'file', expires, sig)).toBe('expired');
    clock.set(new Date('2026-03-01T10:00:30Z'));
  });

  it('binds the signature to the document, the variant, the expiry and the secret', () => {
    const { expires, sig } = parse(links.url(ID));
    expect(links.check(ID.replace('1', '2'), 'file', expires, sig)).toBe('invalid');
    expect(links.check(ID, 'thumbnail', expires, sig)).toBe('invalid');
    expect(links.check(ID, 'file', String(Number(expires) + 60), sig)).toBe('invalid');
    expect(new FileLinks('another-secret-of-enough-length-0123456789', 300, clock).check(ID, 'file', expires, sig)).toBe('invalid');
    const thumb = parse(links.url(ID, 'thumbnail'));
    expect(links.check(ID, 'thumbnail', thumb.expires, thumb.sig)).toBe('valid');
  });

  it('treats missing or malformed parameters as invalid', () => {
    expect(links.check(ID, 'file', undefined, undefined)).toBe('invalid');
    expect(links.check(ID, 'file', ['1'], 'x')).toBe('invalid');
    expect(links.check(ID, 'file', '12abc', 'x'.repeat(43))).toBe('invalid');
  });
});
