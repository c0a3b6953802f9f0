import type { MikroORM } from '@mikro-orm/postgresql';
import type { Request, RequestHandler } from 'express';
import { DomainError } from '../../errors/domain-error.js';
import { refuseDownload } from '../../http/download-refusal.js';
import type { Clock } from '../../shared/clock.js';
import { resolveViewer } from '../auth/auth.service.js';
import { findVisibleCase } from '../access/access.js';
import type { LabelStore } from './label-store.js';

/**
 * `GET /files/labels/:caseId`: the return label PDF, for whoever may see the case (its customer, its merchant or
 * the merchant's partner token, ops and admins) — by session cookie or bearer token. Anyone else gets the same
 * 404 as for a case that does not exist or has no label.
 */
export function labelDownloadHandler(
  orm: MikroORM,
  deps: { clock: Clock; labels: LabelStore },
  credentialsOf: (req: Request) => { sessionSecret?: string; bearerToken?: string },
): RequestHandler {
  return async (req, res) => {
    const em = orm.em.fork();
    const viewer = await resolveViewer(em, deps.clock.now(), credentialsOf(req));
    res.setHeader('Cache-Control', 'private, no-store');
    if (!viewer) {
      refuseDownload(res, 401, 'UNAUTHENTICATED');
      return;
    }
    const caseId = String(req.params.caseId);
    let pdf: Buffer | null = null;
    let number = '';
    try {
      const rc = await findVisibleCase(em, viewer, caseId);
      number = rc.number;
      pdf = rc.labelStorageKey ? await deps.labels.readLabel(rc.labelStorageKey) : null;
    } catch (error) {
      // Not visible (NOT_FOUND from the case scope) or not stored: the same 404. Anything else is a real failure.
      const missing = error instanceof DomainError || (error instanceof Error && error.name.endsWith('NotFound'));
      if (!missing) throw error;
    }
    if (!pdf) {
      refuseDownload(res, 404, 'NOT_FOUND', 'Return label not found.');
      return;
    }
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="return-label-${number}.pdf"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(pdf);
  };
}
