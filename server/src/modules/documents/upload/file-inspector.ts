import type { TransformCallback } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { badInput } from '../../../errors/domain-error.js';
import { type AcceptedType, tooLarge } from '../document-policy.js';
import { HashingCounter } from '../storage/file-storage.js';
import { Mp4DurationScanner } from './mp4-duration.js';

/** Bytes looked at to recognise a format (file-type's own sample size). */
const SNIFF_BYTES = 4100;

/**
 * Sits between an uploaded file and storage. Holds back the first bytes until it knows what the file is
 * (sniffed from the content by `file-type`; the name and the client's content type are ignored), asks `decide`
 * whether that type is accepted (which throws the coded refusal if not), then passes the bytes on, refusing
 * the file as soon as it grows past the type's size limit. Reads a video's duration on the way, and counts and
 * hashes the bytes as they come (a HashingCounter: storage reads it directly, so sniffing, the size limit and
 * sha256 are one stream stage per file, not two).
 */
export class FileInspector extends HashingCounter {
  private head: Buffer[] = [];
  private headBytes = 0;
  private bytes = 0;
  private scanner: Mp4DurationScanner | null = null;
  accepted: AcceptedType | null = null;

  constructor(private readonly decide: (detected: string | undefined) => AcceptedType) {
    super();
  }

  get durationMs(): number | null {
    return this.scanner?.durationMs ?? null;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.count(chunk);
    this.bytes += chunk.length;
    if (this.accepted) {
      this.forward(chunk, callback);
      return;
    }
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SNIFF_BYTES) return callback();
    this.sniffThenForward(callback);
  }

  override _flush(callback: TransformCallback): void {
    this.finish();
    if (this.accepted) return callback();
    if (this.bytes === 0) return callback(badInput('This file is empty.', { rule: 'EMPTY_FILE' }));
    this.sniffThenForward(callback);
  }

  private sniffThenForward(callback: TransformCallback): void {
    const head = Buffer.concat(this.head);
    this.head = [];
    fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES)).then(
      (detected) => {
        try {
          this.accepted = this.decide(detected?.mime);
          if (this.accepted.media === 'video') this.scanner = new Mp4DurationScanner();
        } catch (error) {
          return callback(error as Error);
        }
        this.forward(head, callback);
      },
      (error: Error) => callback(error),
    );
  }

  private forward(chunk: Buffer, callback: TransformCallback): void {
    const accepted = this.accepted!;
    if (this.bytes > accepted.maxBytes) return callback(tooLarge(accepted.maxBytes, accepted.media));
    this.scanner?.feed(chunk);
    callback(null, chunk);
  }
}
