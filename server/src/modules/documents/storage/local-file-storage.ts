import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type ByteRange,
  type FileStorage,
  type ListedObject,
  type StoredObject,
  StorageObjectNotFound,
  assertValidKey,
  hashingBody,
} from './file-storage.js';

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException)?.code === 'ENOENT';

/**
 * Files on local disk under one root (default `${DATA_DIR}/files`). A put writes to a `.partial-…` sibling and
 * renames it into place when complete, so a key never names a half-written file.
 */
export class LocalFileStorage implements FileStorage {
  readonly driver = 'local' as const;

  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    assertValidKey(key);
    return join(this.root, ...key.split('/'));
  }

  localPath(key: string): string {
    return this.pathOf(key);
  }

  async put(key: string, body: Readable | Uint8Array): Promise<StoredObject> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.partial-${randomBytes(6).toString('hex')}`;
    const { streams, counter } = hashingBody(body);
    // 256 KiB buffered while a write is in flight: the request's 64 KiB pieces go to disk four at a time (one
    // writev) instead of one write call each (issue 9: writes were the largest share of an upload's CPU).
    const out = createWriteStream(partial, { flags: 'wx', mode: 0o600, highWaterMark: 256 * 1024 });
    try {
      await pipeline([...streams, out]);
      await rename(partial, path);
    } catch (error) {
      // The file is opened asynchronously: when the source fails early, wait until the stream has opened and
      // closed its file, or the rm below could run first and the partial file would appear after it.
      if (!out.closed) await new Promise<void>((resolve) => {
        out.once('close', () => resolve());
        out.destroy();
      });
      await rm(partial, { force: true });
      throw error;
    }
    return counter.result();
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    try {
      const handle = await open(this.pathOf(key), 'r');
      return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    } catch (error) {
      if (isMissing(error)) throw new StorageObjectNotFound(key);
      throw error;
    }
  }

  async stat(key: string): Promise<{ sizeBytes: number } | null> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { sizeBytes: info.size } : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async move(from: string, to: string): Promise<void> {
    const target = this.pathOf(to);
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(this.pathOf(from), target);
    } catch (error) {
      if (isMissing(error)) throw new StorageObjectNotFound(from);
      throw error;
    }
  }

  async *list(prefix: string): AsyncIterable<ListedObject> {
    const trimmed = prefix.replace(/\/+$/, '');
    const walk = async function* (root: string, dir: string): AsyncGenerator<ListedObject> {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if (isMissing(error)) return;
        throw error;
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          yield* walk(root, path);
        } else if (entry.isFile()) {
          const info = await stat(path).catch(() => null);
          if (info) yield { key: relative(root, path).split(sep).join('/'), lastModified: info.mtime, sizeBytes: info.size };
        }
      }
    };
    yield* walk(this.root, trimmed === '' ? this.root : this.pathOf(trimmed));
  }

  async deleteStale(prefix: string, olderThan: Date): Promise<number> {
    this.pathOf(prefix.replace(/\/+$/, '')); // the same key check as before: an invalid prefix is refused
    let deleted = 0;
    for await (const object of this.list(prefix)) {
      if (object.lastModified >= olderThan) continue;
      await rm(join(this.root, ...object.key.split('/')), { force: true });
      deleted++;
    }
    return deleted;
  }
}
