import type { MikroORM } from '@mikro-orm/postgresql';
import { type Request, type Response, Router } from 'express';
import { pipeline } from 'node:stream';
import { DomainError, ErrorCode } from '../errors/domain-error.js';
import { isConnectionLoss } from '../errors/format-error.js';
import { resolveViewer } from '../modules/auth/auth.service.js';
import { mediaClassOf } from '../modules/documents/document-policy.js';
import type { EvidenceDocument } from '../modules/documents/evidence-document.entity.js';
import { FileLinks, type FileVariant } from '../modules/documents/file-links.js';
import { THUMBNAIL_CONTENT_TYPE, placeholderPng } from '../modules/documents/previews.js';
import { type ByteRange, StorageObjectNotFound } from '../modules/documents/storage/file-storage.js';
import { type AppDeps, createServices } from './context.js';
import { credentialsOf } from './credentials.js';
import { type DownloadRefusalCode, refuseDownload } from './download-refusal.js';
import { respondUnavailable } from './outage.js';

/** `attachment; filename="ascii fallback"; filename*=UTF-8''…` (RFC 6266 with the RFC 5987 encoding). */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** One `bytes=` range of a file of `size` bytes; null for none or several (then the whole file is sent). */
function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start > end || start >= size ? 'unsatisfiable' : { start, end };
}

const fail = (res: Response, status: number, code: DownloadRefusalCode) => refuseDownload(res, status, code);

/**
 * Downloads: `GET /files/:documentId` and `GET /files/:documentId/thumbnail`. Authorised by a valid signed link,
 * or by the caller's session cookie / partner token and the same visibility rules as the API (a document of a
 * case the caller cannot see answers 404, exactly as a missing one). Files are served with the sniffed type,
 * `nosniff`, a sandboxing CSP, and as attachments unless they are images.
 */
export function filesRouter(orm: MikroORM, deps: AppDeps): Router {
  const router = Router();
  const links = new FileLinks(deps.config.fileSigningSecret, deps.config.fileLinkTtlSeconds, deps.clock);

  const serve = (variant: FileVariant) => async (req: Request<{ documentId: string }>, res: Response) => {
    const id = req.params.documentId;
    try {
      const em = orm.em.fork();
      const link = links.check(id, variant, req.query.expires, req.query.sig);
      let doc: EvidenceDocument;
      if (link === 'valid') {
        doc = await createServices(em, null, deps).documents.findById(id);
      } else {
        const viewer = await resolveViewer(em, deps.clock.now(), credentialsOf(req));
        if (!viewer) {
          if (link === 'expired') return fail(res, 403, 'LINK_EXPIRED');
          return req.query.sig === undefined ? fail(res, 401, ErrorCode.UNAUTHENTICATED) : fail(res, 404, ErrorCode.NOT_FOUND);
        }
        doc = await createServices(em, viewer, deps).documents.findVisible(id);
      }
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.setHeader('Cache-Control', 'private, max-age=300');
      await (variant === 'file' ? sendFile(req, res, doc) : sendThumbnail(req, res, doc));
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) return fail(res, 404, ErrorCode.NOT_FOUND);
      if (error instanceof StorageObjectNotFound) {
        deps.logger.error({ documentId: id, key: error.key }, 'document row without its stored file');
        return fail(res, 404, ErrorCode.NOT_FOUND);
      }
      deps.logger.error({ err: error, documentId: id }, 'file download failed');
      if (isConnectionLoss(error)) return respondUnavailable(res);
      if (!res.headersSent) fail(res, 500, ErrorCode.INTERNAL_SERVER_ERROR);
      else res.destroy();
    }
  };

  async function sendFile(req: Request, res: Response, doc: EvidenceDocument): Promise<void> {
    const etag = `"${doc.sha256}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Content-Disposition', contentDisposition(mediaClassOf(doc.contentType) === 'image' ? 'inline' : 'attachment', doc.fileName));
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    const range = parseRange(req.headers.range, doc.sizeBytes);
    if (range === 'unsatisfiable') {
      res.setHeader('Content-Range', `bytes */${doc.sizeBytes}`);
      fail(res, 416, 'RANGE_NOT_SATISFIABLE');
      return;
    }
    const body = await deps.storage.get(doc.storageKey, range ?? undefined);
    res.status(range ? 206 : 200);
    res.setHeader('Content-Type', doc.contentType);
    res.setHeader('Content-Length', String(range ? range.end - range.start + 1 : doc.sizeBytes));
    if (range) res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${doc.sizeBytes}`);
    stream(req, res, body, doc);
  }

  async function sendThumbnail(req: Request, res: Response, doc: EvidenceDocument): Promise<void> {
    res.setHeader('Content-Disposition', contentDisposition('inline', `${doc.fileName.replace(/\.[^.]+$/, '')}-preview`));
    if (doc.thumbnailKey) {
      const body = await deps.storage.get(doc.thumbnailKey);
      res.setHeader('Content-Type', THUMBNAIL_CONTENT_TYPE);
      stream(req, res, body, doc);
      return;
    }
    const media = mediaClassOf(doc.contentType);
    if (media === 'image' && !doc.thumbnailError) {
      // The thumbnail job has not run yet (it follows the upload within moments): the image itself, which the
      // browser scales into the tile. Not cached, so the next load of the page gets the small WEBP.
      const body = await deps.storage.get(doc.storageKey);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Type', doc.contentType);
      res.setHeader('Content-Length', String(doc.sizeBytes));
      stream(req, res, body, doc);
      return;
    }
    // Videos, PDFs, and images the thumbnail job could not decode.
    const placeholder = await placeholderPng(media);
    res.setHeader('Content-Type', 'image/png');
    res.setHeader('Content-Length', String(placeholder.length));
    res.end(req.method === 'HEAD' ? undefined : placeholder);
  }

  function stream(req: Request, res: Response, body: NodeJS.ReadableStream & { destroy(): void }, doc: EvidenceDocument): void {
    if (req.method === 'HEAD') {
      body.destroy();
      res.end();
      return;
    }
    pipeline(body, res, (error) => {
      if (error && (error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
        deps.logger.warn({ err: error, documentId: doc.id }, 'file download interrupted');
      }
    });
  }

  router.get('/:documentId', serve('file'));
  router.get('/:documentId/thumbnail', serve('thumbnail'));
  return router;
}
