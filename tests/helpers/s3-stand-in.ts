// A minimal S3-compatible server for tests: path-style requests on 127.0.0.1, objects in memory.
// Implements what the storage adapter uses: PutObject, GetObject (with Range), HeadObject, DeleteObject,
// CopyObject, ListObjectsV2 and the multipart trio (Create, UploadPart, Complete) plus Abort.
// It checks that requests are SigV4-signed but does not verify signatures.
import { createHash, randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

interface StoredObject {
  body: Buffer;
  contentType: string;
  lastModified: Date;
  etag: string;
}

export interface S3StandIn {
  endpoint: string;
  bucket: string;
  objects: Map<string, StoredObject>;
  /** Multipart uploads started and not yet completed or aborted. */
  openUploads: Map<string, { key: string; parts: Map<number, Buffer> }>;
  /** Every request as `METHOD operation key`, e.g. `PUT UploadPart tmp/…`. */
  log: string[];
  /** Makes the next `count` requests of an operation fail with 500 InternalError. */
  failNext(operation: string, count?: number): void;
  close(): Promise<void>;
}

const xml = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
};
const error = (res: ServerResponse, status: number, code: string, method: string) => {
  if (method === 'HEAD') {
    res.writeHead(status);
    res.end();
    return;
  }
  xml(res, status, `<Error><Code>${code}</Code><Message>${code}</Message><RequestId>stand-in</RequestId></Error>`);
};
const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};
const etagOf = (body: Buffer) => `"${createHash('md5').update(body).digest('hex')}"`;
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function operationOf(method: string, key: string, query: URLSearchParams, headers: IncomingMessage['headers']): string {
  if (!key) return method === 'GET' && query.get('list-type') === '2' ? 'ListObjectsV2' : 'Unsupported';
  if (method === 'POST' && query.has('uploads')) return 'CreateMultipartUpload';
  if (method === 'POST' && query.has('uploadId')) return 'CompleteMultipartUpload';
  if (method === 'PUT' && query.has('uploadId')) return 'UploadPart';
  if (method === 'PUT' && headers['x-amz-copy-source']) return 'CopyObject';
  if (method === 'PUT') return 'PutObject';
  if (method === 'DELETE' && query.has('uploadId')) return 'AbortMultipartUpload';
  if (method === 'DELETE') return 'DeleteObject';
  if (method === 'HEAD') return 'HeadObject';
  if (method === 'GET') return 'GetObject';
  return 'Unsupported';
}

export async function startS3StandIn(bucket = 'returnhub-test'): Promise<S3StandIn> {
  const objects = new Map<string, StoredObject>();
  const openUploads = new Map<string, { key: string; parts: Map<number, Buffer> }>();
  const log: string[] = [];
  const failures = new Map<string, number>();

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const method = req.method ?? 'GET';
      const [, bucketName, ...rest] = url.pathname.split('/');
      const key = decodeURIComponent(rest.join('/'));
      const operation = operationOf(method, key, url.searchParams, req.headers);
      log.push(`${method} ${operation} ${key}`);
      if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) return error(res, 403, 'AccessDenied', method);
      if (bucketName !== bucket) return error(res, 404, 'NoSuchBucket', method);
      const failing = failures.get(operation) ?? 0;
      if (failing > 0) {
        failures.set(operation, failing - 1);
        await readBody(req);
        return error(res, 500, 'InternalError', method);
      }

      switch (operation) {
        case 'PutObject': {
          const body = await readBody(req);
          const object = { body, contentType: String(req.headers['content-type'] ?? 'application/octet-stream'), lastModified: new Date(), etag: etagOf(body) };
          objects.set(key, object);
          res.writeHead(200, { etag: object.etag });
          return res.end();
        }
        case 'CopyObject': {
          const source = decodeURIComponent(String(req.headers['x-amz-copy-source'])).replace(/^\//, '');
          const from = objects.get(source.slice(source.indexOf('/') + 1));
          if (!source.startsWith(`${bucket}/`) || !from) return error(res, 404, 'NoSuchKey', method);
          const copy = { ...from, lastModified: new Date() };
          objects.set(key, copy);
          return xml(res, 200, `<CopyObjectResult><ETag>${copy.etag}</ETag><LastModified>${copy.lastModified.toISOString()}</LastModified></CopyObjectResult>`);
        }
        case 'GetObject':
        case 'HeadObject': {
          const object = objects.get(key);
          if (!object) return error(res, 404, 'NoSuchKey', method);
          const range = /^bytes=(\d+)-(\d+)$/.exec(String(req.headers.range ?? ''));
          const start = range ? Number(range[1]) : 0;
          const end = range ? Math.min(Number(range[2]), object.body.length - 1) : object.body.length - 1;
          const body = object.body.subarray(start, end + 1);
          res.writeHead(range ? 206 : 200, {
            'content-type': object.contentType,
            'content-length': String(body.length),
            etag: object.etag,
            'last-modified': object.lastModified.toUTCString(),
            ...(range ? { 'content-range': `bytes ${start}-${end}/${object.body.length}` } : {}),
          });
          return res.end(method === 'HEAD' ? undefined : body);
        }
        case 'DeleteObject':
          objects.delete(key);
          res.writeHead(204);
          return res.end();
        case 'CreateMultipartUpload': {
          const uploadId = randomUUID();
          openUploads.set(uploadId, { key, parts: new Map() });
          return xml(res, 200, `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${escapeXml(key)}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`);
        }
        case 'UploadPart': {
          const upload = openUploads.get(url.searchParams.get('uploadId') ?? '');
          if (!upload) return error(res, 404, 'NoSuchUpload', method);
          const body = await readBody(req);
          upload.parts.set(Number(url.searchParams.get('partNumber')), body);
          res.writeHead(200, { etag: etagOf(body) });
          return res.end();
        }
        case 'CompleteMultipartUpload': {
          const uploadId = url.searchParams.get('uploadId') ?? '';
          const upload = openUploads.get(uploadId);
          if (!upload) return error(res, 404, 'NoSuchUpload', method);
          const requested = [...(await readBody(req)).toString('utf8').matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) => Number(m[1]));
          if (requested.some((n) => !upload.parts.has(n))) return error(res, 400, 'InvalidPart', method);
          const body = Buffer.concat(requested.map((n) => upload.parts.get(n)!));
          const object = { body, contentType: 'application/octet-stream', lastModified: new Date(), etag: `"${createHash('md5').update(body).digest('hex')}-${requested.length}"` };
          objects.set(upload.key, object);
          openUploads.delete(uploadId);
          return xml(res, 200, `<CompleteMultipartUploadResult><Location>/${bucket}/${escapeXml(key)}</Location><Bucket>${bucket}</Bucket><Key>${escapeXml(key)}</Key><ETag>${object.etag}</ETag></CompleteMultipartUploadResult>`);
        }
        case 'AbortMultipartUpload':
          openUploads.delete(url.searchParams.get('uploadId') ?? '');
          res.writeHead(204);
          return res.end();
        case 'ListObjectsV2': {
          const prefix = url.searchParams.get('prefix') ?? '';
          const matching = [...objects.entries()].filter(([k]) => k.startsWith(prefix)).sort(([a], [b]) => a.localeCompare(b));
          const contents = matching
            .map(([k, o]) => `<Contents><Key>${escapeXml(k)}</Key><LastModified>${o.lastModified.toISOString()}</LastModified><ETag>${o.etag}</ETag><Size>${o.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`)
            .join('');
          return xml(res, 200, `<ListBucketResult><Name>${bucket}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${matching.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`);
        }
        default:
          return error(res, 501, 'NotImplemented', method);
      }
    } catch {
      if (!res.headersSent) error(res, 500, 'InternalError', req.method ?? 'GET');
      else res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    objects,
    openUploads,
    log,
    failNext(operation, count = 1) {
      failures.set(operation, count);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
