/** How much of the `moov` box is kept to find `mvhd` in (it is normally its first child, a few dozen bytes in). */
const MOOV_CAPTURE_BYTES = 64 * 1024;

/**
 * Reads an MP4/QuickTime file's duration from its `mvhd` box while the bytes stream past, in pure JavaScript and
 * constant memory: top-level boxes are skipped by their sizes until `moov`, whose start is kept just long enough
 * to parse `mvhd` (timescale and duration). Files whose `moov` comes after the media data (not "fast start") are
 * read to that point; files without a readable `mvhd` simply have no duration.
 */
export class Mp4DurationScanner {
  private position = 0;
  private header = Buffer.alloc(0);
  private skipUntil = 0;
  private moov: Buffer[] | null = null;
  private moovWanted = 0;
  private moovCaptured = 0;
  private done = false;
  durationMs: number | null = null;

  feed(chunk: Buffer): void {
    let offset = 0;
    while (!this.done && offset < chunk.length) {
      const absolute = this.position + offset;
      if (absolute < this.skipUntil) {
        offset += Math.min(chunk.length - offset, this.skipUntil - absolute);
        continue;
      }
      if (this.moov) {
        const take = Math.min(chunk.length - offset, this.moovWanted - this.moovCaptured);
        this.moov.push(chunk.subarray(offset, offset + take));
        this.moovCaptured += take;
        offset += take;
        if (this.moovCaptured >= this.moovWanted) this.finishMoov();
        continue;
      }
      // Collect a box header: 8 bytes, or 16 when the size is 64-bit.
      const need = this.header.length < 8 ? 8 : readUInt32(this.header, 0) === 1 ? 16 : 8;
      const take = Math.min(chunk.length - offset, need - this.header.length);
      this.header = Buffer.concat([this.header, chunk.subarray(offset, offset + take)]);
      offset += take;
      if (this.header.length < need) continue;
      if (need === 8 && readUInt32(this.header, 0) === 1) continue; // go on to read the 64-bit size
      this.startBox(this.position + offset);
    }
    this.position += chunk.length;
  }

  private startBox(payloadStart: number): void {
    const size32 = readUInt32(this.header, 0);
    const type = this.header.toString('latin1', 4, 8);
    const headerLength = this.header.length;
    const size = size32 === 1 ? Number(this.header.readBigUInt64BE(8)) : size32;
    this.header = Buffer.alloc(0);
    // Size 0 means "to the end of the file"; anything smaller than its header is corrupt: stop looking.
    if (size === 0 && type !== 'moov') return this.stop();
    if (size !== 0 && size < headerLength) return this.stop();
    const payloadLength = size === 0 ? MOOV_CAPTURE_BYTES : size - headerLength;
    if (type === 'moov') {
      this.moov = [];
      this.moovWanted = Math.min(payloadLength, MOOV_CAPTURE_BYTES);
      this.moovCaptured = 0;
      if (this.moovWanted === 0) this.finishMoov();
    } else {
      this.skipUntil = payloadStart + payloadLength;
    }
  }

  private finishMoov(): void {
    this.durationMs = parseMvhd(Buffer.concat(this.moov ?? []));
    this.stop();
  }

  private stop(): void {
    this.done = true;
    this.moov = null;
  }
}

const readUInt32 = (buffer: Buffer, at: number) => buffer.readUInt32BE(at);

/** Finds `mvhd` among the children in `moov`'s payload and turns its duration into milliseconds. */
export function parseMvhd(moov: Buffer): number | null {
  let at = 0;
  while (at + 8 <= moov.length) {
    const size = moov.readUInt32BE(at);
    const type = moov.toString('latin1', at + 4, at + 8);
    if (type === 'mvhd') {
      const version = moov[at + 8];
      let timescale: number;
      let duration: number;
      if (version === 1) {
        if (at + 40 > moov.length) return null;
        timescale = moov.readUInt32BE(at + 28);
        const big = moov.readBigUInt64BE(at + 32);
        if (big === 0xffffffffffffffffn) return null;
        duration = Number(big);
      } else {
        if (at + 28 > moov.length) return null;
        timescale = moov.readUInt32BE(at + 20);
        duration = moov.readUInt32BE(at + 24);
        if (duration === 0xffffffff) return null;
      }
      if (timescale === 0) return null;
      const ms = Math.round((duration / timescale) * 1000);
      // Anything beyond a day is not a phone video of a parcel: treat it as unreadable.
      return Number.isFinite(ms) && ms >= 0 && ms <= 86_400_000 ? ms : null;
    }
    if (size < 8) return null;
    at += size;
  }
  return null;
}
