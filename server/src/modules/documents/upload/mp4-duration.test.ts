import { describe, expect, it } from 'vitest';
import { Mp4DurationScanner, parseMvhd } from './mp4-duration.js';

const box = (type: string, payload: Buffer, largeSize = false): Buffer => {
  if (largeSize) {
    const header = Buffer.alloc(16);
    header.writeUInt32BE(1);
    header.write(type, 4, 'latin1');
    header.writeBigUInt64BE(BigInt(16 + payload.length), 8);
    return Buffer.concat([header, payload]);
  }
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.length);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
};
const mvhdV0 = (timescale: number, duration: number) => {
  const b = Buffer.alloc(100);
  b.writeUInt32BE(timescale, 12);
  b.writeUInt32BE(duration, 16);
  return box('mvhd', b);
};
const mvhdV1 = (timescale: number, duration: bigint) => {
  const b = Buffer.alloc(112);
  b[0] = 1;
  b.writeUInt32BE(timescale, 20);
  b.writeBigUInt64BE(duration, 24);
  return box('mvhd', b);
};
const ftyp = box('ftyp', Buffer.from('isom\0\0\x02\0isommp41', 'latin1'));

/** Feeds `file` in pieces of `size` bytes. */
function scan(file: Buffer, size: number): number | null {
  const scanner = new Mp4DurationScanner();
  for (let i = 0; i < file.length; i += size) scanner.feed(file.subarray(i, i + size));
  return scanner.durationMs;
}

describe('Mp4DurationScanner', () => {
  const fastStart = Buffer.concat([ftyp, box('moov', mvhdV0(600, 600 * 93)), box('mdat', Buffer.alloc(5000, 1))]);
  const moovLast = Buffer.concat([ftyp, box('free', Buffer.alloc(10)), box('mdat', Buffer.alloc(20_000, 2)), box('moov', Buffer.concat([box('udta', Buffer.alloc(30)), mvhdV1(90_000, 90_000n * 7n + 45_000n)]))]);
  const largeMdat = Buffer.concat([ftyp, box('mdat', Buffer.alloc(3000), true), box('moov', mvhdV0(1000, 2500))]);

  it.each([1, 3, 7, 8, 16, 64, 4096, 1 << 20])('reads the duration however the bytes are split (pieces of %i)', (size) => {
    expect(scan(fastStart, size)).toBe(93_000);
    expect(scan(moovLast, size)).toBe(7_500);
    expect(scan(largeMdat, size)).toBe(2_500);
  });

  it('has no duration for files without moov/mvhd, truncated or corrupt boxes', () => {
    expect(scan(Buffer.concat([ftyp, box('mdat', Buffer.alloc(100))]), 10)).toBeNull();
    expect(scan(fastStart.subarray(0, 40), 5)).toBeNull();
    const corrupt = Buffer.from(fastStart);
    corrupt.writeUInt32BE(3, ftyp.length); // a moov claiming 3 bytes
    expect(scan(corrupt, 50)).toBeNull();
  });

  it('ignores unknown or absurd durations', () => {
    expect(parseMvhd(mvhdV0(0, 100))).toBeNull();
    expect(parseMvhd(mvhdV0(1000, 0xffffffff))).toBeNull();
    expect(parseMvhd(mvhdV1(1, 10n ** 12n))).toBeNull();
  });
});
