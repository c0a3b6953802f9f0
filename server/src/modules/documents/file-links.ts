import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../shared/clock.js';

export type FileVariant = 'file' | 'thumbnail';

export type LinkCheck = 'valid' | 'expired' | 'invalid';

/**
 * Short-lived download links: `/files/<id>[/thumbnail]?expires=<unix seconds>&sig=<HMAC-SHA256>`. Whoever holds
 * one may fetch that one file until it expires (for <img> tags, downloads and partner systems); the API hands
 * them out only to viewers who may see the document. Expiry is rounded up to the minute so a page reloaded
 * within the minute gets the same URLs (and the browser's cache).
 */
export class FileLinks {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {}

  url(documentId: string, variant: FileVariant = 'file'): string {
    const expires = Math.ceil((this.clock.now().getTime() / 1000 + this.ttlSeconds) / 60) * 60;
    const path = `/files/${documentId}${variant === 'thumbnail' ? '/thumbnail' : ''}`;
    return `${path}?expires=${expires}&sig=${this.sign(documentId, variant, expires)}`;
  }

  check(documentId: string, variant: FileVariant, expires: unknown, sig: unknown): LinkCheck {
    if (typeof expires !== 'string' || typeof sig !== 'string' || !/^\d{1,12}$/.test(expires) || !/^[\w-]{43}$/.test(sig)) return 'invalid';
    const expected = Buffer.from(this.sign(documentId, variant, Number(expires)));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    return Number(expires) * 1000 < this.clock.now().getTime() ? 'expired' : 'valid';
  }

  private sign(documentId: string, variant: FileVariant, expires: number): string {
    return createHmac('sha256', this.secret).update(`${documentId}\n${variant}\n${expires}`).digest('base64url');
  }
}
