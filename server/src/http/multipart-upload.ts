import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import busboy from 'busboy';
import type { RequestHandler } from 'express';
import { WriteStream } from 'fs-capacitor';
import Upload from 'graphql-upload/Upload.mjs';
import type { FileUpload } from 'graphql-upload/processRequest.mjs';

const SPEC = 'https://github.com/jaydenseric/graphql-multipart-request-spec';

/** An http-errors-shaped error (status + expose), as graphql-upload's parser fails with; `uploadErrorHandler` answers it. */
export class MultipartError extends Error {
  readonly expose = true;
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'MultipartError';
  }
}

export interface MultipartOptions {
  maxFileSize: number;
  maxFiles: number;
  maxFieldSize?: number;
}

/** What a request's files did, for tests and the bench: how many went through without touching disk. */
export interface MultipartStats {
  streamed: number;
  spilled: number;
  discarded: number;
}

/**
 * A promise that notices being waited on: `await`, `.then` and `.catch` call `then`, so the parser learns that a
 * resolver wants this file before its part has arrived (and must spill the parts in front of it to disk).
 */
class WantedFile extends Promise<FileUpload> {
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }
  onWanted: (() => void) | null = null;
  override then<A = FileUpload, B = never>(
    onFulfilled?: ((value: FileUpload) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.onWanted?.();
    return super.then(onFulfilled, onRejected);
  }
}

type PartState = 'waiting' | 'held' | 'streaming' | 'spilled' | 'discarded';

/** One mapped file of the request: its Upload (what the GraphQLUpload scalar hands the resolver) and its bytes. */
class Part {
  readonly upload = new Upload();
  state: PartState = 'waiting';
  wanted = false;
  source: Readable | null = null;
  /** The stream handed to the resolver while the part is read live. */
  reader: Readable | null = null;
  capacitor: WriteStream | null = null;
  error: Error | null = null;

  constructor(readonly fieldName: string, readonly paths: number) {
    const promise = new WantedFile((resolve, reject) => {
      this.upload.resolve = (file) => {
        this.upload.file = file;
        resolve(file);
      };
      this.upload.reject = reject;
    });
    // No unhandled rejection for a file nobody asks for (without counting as a wish for it).
    Promise.prototype.then.call(promise, undefined, () => undefined);
    this.upload.promise = promise;
  }
}

const discard = (stream: Readable): void => {
  stream.removeAllListeners('data');
  stream.unpipe();
  stream.resume();
};

/**
 * Processes a GraphQL multipart request (the spec graphql-upload implements, with its limits and http-errors
 * shapes) without buffering files on disk: a file's `createReadStream()` is the live part of the request body,
 * so its bytes go from the socket through the resolver's pipeline to storage once. Resolvers read files in the
 * order they await them (receiveFiles awaits them one after the other); the parser cannot reach a later part while an
 * earlier one is unread, so when a resolver waits for a file that has not arrived, every part held in front of
 * it is spilled to a temporary file (fs-capacitor, as graphql-upload always does) and read from there later. A
 * file mapped to several variables is spilled too (it may be read more than once). When the response is about to
 * be sent, files nobody read are drained (the request completes and the answer goes out) and their spill files
 * are deleted when the response closes. Client gone mid-file: the file's stream fails (so the storage write
 * fails and deletes what it wrote), unarrived files are rejected with 499.
 */
export function processMultipart(request: IncomingMessage, response: ServerResponse, options: MultipartOptions, stats?: MultipartStats): {
  operations: Promise<unknown>;
  release: () => void;
} {
  const { maxFileSize, maxFiles, maxFieldSize = 1_000_000 } = options;
  let released = false;
  let exitError: Error | null = null;
  let operations: Record<string, unknown> | Array<Record<string, unknown>> | null = null;
  let parts: Map<string, Part> | null = null;
  let resolveOps!: (value: unknown) => void;
  let rejectOps!: (error: Error) => void;
  const done = new Promise<unknown>((resolve, reject) => {
    resolveOps = resolve;
    rejectOps = reject;
  });
  done.catch(() => undefined);

  const parser = busboy({
    headers: request.headers,
    defParamCharset: 'utf8',
    limits: { fieldSize: maxFieldSize, fields: 2, fileSize: maxFileSize, files: maxFiles },
  });

  function exit(error: Error, fromParser = false): void {
    if (exitError) return;
    exitError = error;
    for (const part of parts?.values() ?? []) if (!part.upload.file) part.upload.reject(error);
    if (fromParser) parser.destroy();
    else parser.destroy(error);
    request.unpipe(parser);
    setImmediate(() => request.resume());
    rejectOps(error);
  }

  const waitingForLaterPart = (): boolean => [...(parts?.values() ?? [])].some((p) => p.wanted && p.state === 'waiting');

  function spill(part: Part): void {
    const source = part.source!;
    const capacitor = new WriteStream();
    part.capacitor = capacitor;
    part.state = 'spilled';
    if (stats) stats.spilled++;
    capacitor.on('error', () => {
      source.unpipe();
      source.resume();
    });
    source.pipe(capacitor);
  }

  function live(part: Part): Readable {
    const source = part.source!;
    part.state = 'streaming';
    if (stats) stats.streamed++;
    const onData = (chunk: Buffer): void => {
      if (!out.push(chunk)) source.pause();
    };
    const onEnd = (): void => {
      out.push(null);
    };
    const onFailure = (): void => {
      if (part.error) out.destroy(part.error);
    };
    const out = new Readable({
      read: () => {
        source.resume();
      },
      destroy: (error, callback) => {
        source.off('data', onData);
        source.off('end', onEnd);
        source.off('error', onFailure);
        source.off('limit', onFailure);
        // Whatever the reader does, the part is read to its end so the parser can go on to the next one.
        if (!source.readableEnded) discard(source);
        callback(error);
      },
    });
    part.reader = out;
    source.on('data', onData);
    source.once('end', onEnd);
    source.on('error', onFailure);
    source.on('limit', onFailure);
    return out;
  }

  /** No resolver will ask for more: unread parts are drained so the request completes. */
  function release(): void {
    if (released) return;
    released = true;
    for (const part of parts?.values() ?? []) {
      if (part.state === 'held') {
        part.state = 'discarded';
        if (stats) stats.discarded++;
        discard(part.source!);
      } else if (part.state === 'streaming' && !part.reader!.readableEnded) {
        // A reader that gave up half-way (its store failed, say) without destroying the stream: read it to its end.
        part.reader!.destroy();
      }
    }
  }

  parser.on('field', (name, value, { valueTruncated }) => {
    if (valueTruncated) return exit(new MultipartError(413, `The ‘${name}’ multipart field value exceeds the ${maxFieldSize} byte size limit.`));
    if (name === 'operations') {
      try {
        operations = JSON.parse(value);
      } catch {
        return exit(new MultipartError(400, `Invalid JSON in the ‘operations’ multipart field (${SPEC}).`));
      }
      if (typeof operations !== 'object' || !operations) return exit(new MultipartError(400, `Invalid type for the ‘operations’ multipart field (${SPEC}).`));
      return;
    }
    if (name !== 'map') return;
    if (!operations) return exit(new MultipartError(400, `Misordered multipart fields; ‘map’ should follow ‘operations’ (${SPEC}).`));
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return exit(new MultipartError(400, `Invalid JSON in the ‘map’ multipart field (${SPEC}).`));
    }
    if (typeof parsed !== 'object' || !parsed || Array.isArray(parsed)) return exit(new MultipartError(400, `Invalid type for the ‘map’ multipart field (${SPEC}).`));
    const entries = Object.entries(parsed);
    if (entries.length > maxFiles) return exit(new MultipartError(413, `${maxFiles} max file uploads exceeded.`));
    parts = new Map();
    for (const [fieldName, paths] of entries) {
      if (!Array.isArray(paths)) return exit(new MultipartError(400, `Invalid type for the ‘map’ multipart field entry key ‘${fieldName}’ array (${SPEC}).`));
      const part = new Part(fieldName, paths.length);
      parts.set(fieldName, part);
      const promise = part.upload.promise as WantedFile;
      promise.onWanted = () => {
        if (part.state !== 'waiting' || part.wanted || released) return;
        part.wanted = true;
        // The parser cannot reach this part while one in front of it waits to be read: spill those.
        for (const other of parts!.values()) if (other.state === 'held') spill(other);
      };
      for (const [index, path] of paths.entries()) {
        if (typeof path !== 'string' || !setPath(operations, path, part.upload)) {
          return exit(new MultipartError(400, `Invalid ${typeof path !== 'string' ? 'type' : 'object path'} for the ‘map’ multipart field entry key ‘${fieldName}’ array index ‘${index}’ value (${SPEC}).`));
        }
      }
    }
    resolveOps(operations);
  });

  parser.on('file', (fieldName, stream, { filename, encoding, mimeType: mimetype }) => {
    stream.on('error', () => undefined);
    if (!parts) {
      discard(stream);
      return exit(new MultipartError(400, `Misordered multipart fields; files should follow ‘map’ (${SPEC}).`));
    }
    const part = parts.get(fieldName);
    // An extraneous file, or a second part under the same name: ignored, as graphql-upload does.
    if (!part || part.state !== 'waiting' || released) {
      if (part && part.state === 'waiting') part.state = 'discarded';
      if (stats) stats.discarded++;
      return discard(stream);
    }
    part.source = stream;
    part.state = 'held';
    stream.on('limit', () => {
      part.error = new MultipartError(413, `File truncated as it exceeds the ${maxFileSize} byte size limit.`);
      if (part.state === 'spilled') {
        stream.unpipe();
        part.capacitor!.destroy(part.error);
        // Nobody reads it any more: let the (truncated) part end so the parser can finish.
        stream.resume();
      }
    });
    stream.on('error', (error: Error) => {
      part.error = error;
      if (part.state === 'spilled') {
        stream.unpipe();
        part.capacitor!.destroy(error);
      }
    });
    // A file read under several variables may be read more than once; one arriving while a resolver waits for a
    // later one would block the parser.
    if (part.paths > 1 || waitingForLaterPart()) spill(part);
    const file = {
      filename,
      mimetype,
      encoding,
      createReadStream: (readOptions?: { highWaterMark?: number }) => {
        const error = part.error ?? (released ? exitError : null);
        if (error) throw error;
        if (part.state === 'spilled') return part.capacitor!.createReadStream(readOptions);
        if (part.state !== 'held') throw new MultipartError(400, `The file ‘${fieldName}’ was already read (or discarded); read each file once.`);
        return live(part);
      },
    } as FileUpload;
    part.upload.resolve(file);
  });

  parser.once('filesLimit', () => exit(new MultipartError(413, `${maxFiles} max file uploads exceeded.`)));

  parser.once('finish', () => {
    request.unpipe(parser);
    request.resume();
    if (!operations) return exit(new MultipartError(400, `Missing multipart field ‘operations’ (${SPEC}).`));
    if (!parts) return exit(new MultipartError(400, `Missing multipart field ‘map’ (${SPEC}).`));
    for (const part of parts.values()) if (!part.upload.file) part.upload.reject(new MultipartError(400, 'File missing in the request.'));
  });

  parser.on('error', (error: Error) => exit(error, true));

  response.once('close', () => {
    release();
    for (const part of parts?.values() ?? []) part.capacitor?.release();
  });

  request.once('close', () => {
    if (!request.readableEnded) exit(new MultipartError(499, 'Request disconnected during file upload stream parsing.'));
  });

  request.pipe(parser);
  return { operations: done, release };
}

/** Sets `value` at a dotted path inside the operations (object-path's `set`, without prototype keys). */
function setPath(root: object, path: string, value: unknown): boolean {
  const keys = path.split('.');
  if (keys.some((key) => key === '__proto__' || key === 'constructor' || key === 'prototype' || key === '')) return false;
  let node = root as Record<string, unknown>;
  for (let i = 0; i < keys.length - 1; i++) {
    let next = node[keys[i]!];
    if (next === undefined || next === null) {
      next = /^\d+$/.test(keys[i + 1]!) ? [] : {};
      node[keys[i]!] = next;
    }
    if (typeof next !== 'object') return false;
    node = next as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
  return true;
}

/**
 * Express middleware for multipart requests (graphqlUploadExpress's contract): the parsed operations become
 * `req.body`; the answer is held back until the request body has been consumed, and unread files are drained
 * as soon as the answer is ready.
 */
export function multipartUploads(options: MultipartOptions, onStats?: (stats: MultipartStats) => void): RequestHandler {
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    const stats: MultipartStats = { streamed: 0, spilled: 0, discarded: 0 };
    const { operations, release } = processMultipart(req, res, options, stats);
    if (onStats) res.once('close', () => onStats(stats));
    const send = res.send;
    res.send = (...args: Parameters<typeof send>) => {
      release();
      const finished = req.closed ? Promise.resolve() : new Promise((resolve) => req.once('close', resolve));
      void finished.then(() => {
        res.send = send;
        res.send(...args);
      });
      return res;
    };
    operations.then(
      (body) => {
        req.body = body;
        next();
      },
      (error: Error & { status?: number; expose?: boolean }) => {
        if (error.status && error.expose) res.status(error.status);
        next(error);
      },
    );
  };
}
