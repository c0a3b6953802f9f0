// A GraphQL multipart request written by hand over node:http, for what fetch cannot do: declare any
// Content-Length, stream a large file without holding it, stop mid-body, or abort mid-stream.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';

export interface RawUploadOptions {
  url: string;
  headers?: Record<string, string>;
  query: string;
  variables: Record<string, unknown>;
  /** Where the file goes in the variables (`files.0`, or `evidence.0`). */
  path?: string;
  file: { name: string; type: string; head: Buffer; size: number };
  /** Content-Length to declare: the true length by default; null sends the body chunked. */
  declaredLength?: number | null;
  /**
   * Called before each chunk of the file with the bytes of the file sent so far: `continue`, `pause` (send
   * nothing more but keep the connection open, to see whether the server answers without the body) or `abort`.
   */
  pace?: (sent: number) => 'continue' | 'pause' | 'abort' | Promise<'continue' | 'pause' | 'abort'>;
}

export interface RawUploadResult {
  status: number;
  json: any;
  /** How many file bytes had been written when the response arrived. */
  fileBytesSentAtResponse: number;
  completedBody: boolean;
}

const CHUNK = 64 * 1024;

export function rawUpload(options: RawUploadOptions): Promise<RawUploadResult | 'aborted'> {
  const boundary = `----returnhub${randomBytes(8).toString('hex')}`;
  const path = options.path ?? 'files.0';
  const variables = structuredClone(options.variables);
  const [field, index] = path.split('.');
  variables[field] = Array.from({ length: Number(index) + 1 }, () => null);
  const prefix = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: options.query, variables })}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n${JSON.stringify({ 0: [`variables.${path}`] })}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="${options.file.name}"\r\nContent-Type: ${options.file.type}\r\n\r\n`,
  );
  const suffix = Buffer.from(`\r\n--${boundary}--\r\n`);
  const total = prefix.length + options.file.size + suffix.length;
  const declared = options.declaredLength === undefined ? total : options.declaredLength;

  return new Promise((resolve, reject) => {
    let sent = 0;
    let completedBody = false;
    let settled = false;
    const req = request(options.url, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        ...(declared === null ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(declared) }),
        ...options.headers,
      },
    });
    req.on('response', async (res) => {
      const atResponse = sent;
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of res) chunks.push(chunk as Buffer);
      } catch {
        // the connection closed after the answer: what arrived is enough
      }
      settled = true;
      const text = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = text;
      }
      resolve({ status: res.statusCode ?? 0, json, fileBytesSentAtResponse: atResponse, completedBody });
      req.destroy();
    });
    req.on('error', (error) => {
      if (!settled) {
        settled = true;
        if ((error as NodeJS.ErrnoException).code === 'ECONNRESET' || error.message === 'aborted') resolve('aborted');
        else reject(error);
      }
    });

    const write = (data: Buffer) => new Promise<void>((done) => (req.write(data) ? done() : req.once('drain', done)));
    void (async () => {
      await write(prefix);
      while (sent < options.file.size && !settled) {
        const decision = (await options.pace?.(sent)) ?? 'continue';
        if (decision === 'pause') return;
        if (decision === 'abort') {
          settled = true;
          req.destroy();
          resolve('aborted');
          return;
        }
        const n = Math.min(CHUNK, options.file.size - sent);
        let chunk: Buffer;
        if (sent < options.file.head.length) {
          chunk = options.file.head.subarray(sent, Math.min(options.file.head.length, sent + n));
        } else {
          chunk = Buffer.alloc(n, 0x5a);
        }
        sent += chunk.length;
        await write(chunk);
      }
      if (settled) return;
      await write(suffix);
      completedBody = true;
      req.end();
    })().catch((error) => {
      if (!settled) {
        settled = true;
        reject(error);
      }
    });
  });
}
