import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import { DomainError, ErrorCode, notFound, unauthenticated } from '../../errors/domain-error.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { Clock } from '../../shared/clock.js';
import { isUuid } from '../../shared/ids.js';
import type { Viewer } from '../auth/viewer.js';
import { type Actor, actorOf } from '../returns/actor.js';
import { findVisibleCase } from '../access/access.js';
import { recordCaseChange } from '../returns/case-changes.js';
import { CaseWorkflow } from '../returns/case-workflow.service.js';
import type { ReturnCase } from '../returns/return-case.entity.js';
import { type RescoreHook, requestRescoreSafely } from '../risk/rescore-hook.js';
import { User } from '../users/user.entity.js';
import { cleanShipment, type FulfilmentService, type Shipment } from '../fulfilment/fulfilment.service.js';
import { type DocumentCounts, assertRoomFor, assertShipmentPhotoCount, assertWithinCaseLimits, addToCounts, documentVisibleTo, emptyCounts, uploadRefusal, uploadableKinds } from './document-policy.js';
import { DocumentKind } from './document.enums.js';
import type { FileStorage } from './storage/file-storage.js';
import { EvidenceDocument } from './evidence-document.entity.js';
import { FileLinks, type FileVariant } from './file-links.js';
import type { CaseRow } from '../returns/case-row.js';
import { enqueueThumbnails } from './thumbnails.js';
import { type ReceivedFile, commitFiles, discardFiles, receiveFiles } from './upload/receive-files.js';

type Uploads = Array<Promise<FileUpload>>;

/** What documents need of the process's dependencies (the app passes its AppDeps). */
export interface DocumentDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  storage: FileStorage;
  rescoreHook?: RescoreHook;
}

/** What a case already holds of one kind (read in the caller's transaction). */
async function countDocuments(em: EntityManager, caseId: string, kind: DocumentKind): Promise<DocumentCounts> {
  const [row] = await em.execute<Array<{ images: string; videos: string; total: string }>>(
    `select count(*) filter (where content_type like 'image/%') as images, count(*) filter (where content_type like 'video/%') as videos, count(*) as total
       from evidence_documents where return_case_id = ? and kind = ?`,
    [caseId, kind],
  );
  return { images: Number(row.images), videos: Number(row.videos), total: Number(row.total) };
}

/**
 * Documents of cases (SPEC §1, §2, §4): uploading with the limits, listing what the viewer may see, and finding a
 * file for the download route. An upload streams every file to a temporary key first (no transaction is held
 * open while bytes arrive), then one short transaction locks the case row, re-checks the limits on what is
 * committed, inserts the rows with the audit event and outbox messages, and moves the files to their final
 * keys. Anything failing on the way deletes every file of the request: no row without its file, no file without
 * its row.
 */
export class DocumentService {
  readonly links: FileLinks;
  private pendingLists = new Map<string, Array<{ rc: CaseRow; resolve: (docs: EvidenceDocument[]) => void; reject: (error: unknown) => void }>>();

  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | null,
    private readonly deps: DocumentDeps,
    private readonly workflow: CaseWorkflow,
    private readonly fulfilment: FulfilmentService,
  ) {
    this.links = new FileLinks(deps.config.fileSigningSecret, deps.config.fileLinkTtlSeconds, deps.clock);
  }

  /** `uploadCaseDocuments`: files of one kind added to a case the viewer can see and may add that kind to. */
  async upload(caseId: string, kind: DocumentKind, uploads: Uploads): Promise<EvidenceDocument[]> {
    const actor = this.actor();
    const rc = await findVisibleCase(this.em, this.viewer, caseId);
    const refused = uploadRefusal(actor, rc, kind);
    if (refused) throw refused;
    const existing = await countDocuments(this.em, rc.id, kind);
    assertRoomFor(kind, existing, uploads.length);

    const received = await receiveFiles(this.deps.storage, kind, uploads, existing);
    let documents: EvidenceDocument[] = [];
    try {
      await this.workflow.change(
        caseId,
        null,
        async (tx, locked, by, now) => {
          // Concurrent uploads to one case queue here; each counts what the previous ones committed.
          await tx.lock(locked, LockMode.PESSIMISTIC_WRITE);
          await tx.refresh(locked);
          const refusedNow = uploadRefusal(by, locked, kind);
          if (refusedNow) throw refusedNow;
          documents = await this.attach(tx, locked, by, now, kind, received);
        },
        actor,
      );
    } catch (error) {
      await discardFiles(this.deps.storage, received);
      throw error;
    }
    requestRescoreSafely(this.deps.rescoreHook, this.deps.logger, rc.id, 'document_uploaded');
    return documents;
  }

  /** Evidence for a case being opened (`createReturnCase`): the files streamed to temporary keys, before its transaction. */
  receiveNewCaseEvidence(evidence: Uploads): Promise<ReceivedFile[]> {
    this.actor();
    assertRoomFor(DocumentKind.EVIDENCE, emptyCounts(), evidence.length);
    return receiveFiles(this.deps.storage, DocumentKind.EVIDENCE, evidence, emptyCounts());
  }

  /** Inside the new case's transaction: the evidence rows, their audit event and the files' commit (as `upload`). */
  async attachNewCaseEvidence(tx: EntityManager, rc: ReturnCase, actor: Actor, now: Date, files: ReceivedFile[]): Promise<void> {
    const refused = uploadRefusal(actor, rc, DocumentKind.EVIDENCE);
    if (refused) throw refused;
    await this.attach(tx, rc, actor, now, DocumentKind.EVIDENCE, files);
  }

  /** The new case failed: its evidence files are deleted. */
  discardNewCaseEvidence(files: ReceivedFile[]): Promise<void> {
    return discardFiles(this.deps.storage, files);
  }

  /** The new case committed with its evidence: a rescore that counts it (the fast path; the outbox is the guarantee). */
  newCaseEvidenceCommitted(caseId: string): void {
    requestRescoreSafely(this.deps.rescoreHook, this.deps.logger, caseId, 'document_uploaded');
  }

  /**
   * `confirmReturnShipment` (seed 002): the shipment's details and 1 to 5 photos of the packed goods, stored as
   * SHIPMENT_EVIDENCE documents. The move to IN_TRANSIT and the photos commit together, or neither does.
   */
  async confirmShipment(caseId: string, shipment: Shipment, photos: Uploads, expectedVersion?: number | null): Promise<ReturnCase> {
    this.actor();
    // Everything that can be judged without the bytes is judged first: the details, the count, the case.
    cleanShipment(shipment);
    assertShipmentPhotoCount(photos.length);
    await findVisibleCase(this.em, this.viewer, caseId);
    const received = await receiveFiles(this.deps.storage, DocumentKind.SHIPMENT_EVIDENCE, photos, emptyCounts());
    let rc: ReturnCase;
    try {
      rc = await this.fulfilment.confirmShipment(caseId, shipment, expectedVersion, (tx, shipped, by, now) =>
        this.attach(tx, shipped, by, now, DocumentKind.SHIPMENT_EVIDENCE, received),
      );
    } catch (error) {
      await discardFiles(this.deps.storage, received);
      throw error;
    }
    requestRescoreSafely(this.deps.rescoreHook, this.deps.logger, rc.id, 'document_uploaded');
    return rc;
  }

  /** Inside the case's transaction: final limit check, rows, audit event + outbox, thumbnail jobs, then the files' commit. */
  private async attach(tx: EntityManager, rc: ReturnCase, actor: Actor, now: Date, kind: DocumentKind, files: ReceivedFile[]): Promise<EvidenceDocument[]> {
    if (!actor.userId) throw new DomainError(ErrorCode.FORBIDDEN, 'Documents are uploaded by people.');
    const counts = await countDocuments(tx, rc.id, kind);
    for (const file of files) addToCounts(counts, file.media);
    assertWithinCaseLimits(kind, counts);
    const documents = files.map((file, position) =>
      tx.create(EvidenceDocument, {
        returnCase: rc,
        kind,
        fileName: file.fileName,
        contentType: file.contentType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        storageKey: file.finalKey,
        durationMs: file.durationMs,
        uploadedBy: tx.getReference(User, actor.userId!),
        position,
        createdAt: now,
      }),
    );
    recordCaseChange(tx, rc, {
      type: 'document_uploaded',
      actor,
      at: now,
      payload: {
        kind,
        documents: documents.map((d) => ({ id: d.id, fileName: d.fileName, contentType: d.contentType, sizeBytes: d.sizeBytes, sha256: d.sha256 })),
      },
    });
    // The images' thumbnails are made by the worker once this commits (same transaction: no image without its job).
    enqueueThumbnails(tx, documents);
    // Last step before the flush and commit: a failure from here on is undone by discardFiles.
    await commitFiles(this.deps.storage, files);
    return documents;
  }

  /**
   * `ReturnCase.documents`: the documents of `rc` the viewer may see, oldest first. Batched: the cases of one
   * list resolve with one query.
   */
  documentsOf(rc: CaseRow, kind?: DocumentKind | null): Promise<EvidenceDocument[]> {
    const viewer = this.viewer;
    if (!viewer) return Promise.reject(unauthenticated());
    return new Promise<EvidenceDocument[]>((resolve, reject) => {
      if (this.pendingLists.size === 0) setImmediate(() => void this.loadPendingLists());
      const waiting = this.pendingLists.get(rc.id) ?? [];
      waiting.push({ rc, resolve, reject });
      this.pendingLists.set(rc.id, waiting);
    }).then((docs) => docs.filter((d) => documentVisibleTo(viewer, rc, d.kind) && (!kind || d.kind === kind)));
  }

  private async loadPendingLists(): Promise<void> {
    const batch = this.pendingLists;
    this.pendingLists = new Map();
    try {
      const docs = await this.em.find(EvidenceDocument, { returnCase: { $in: [...batch.keys()] } }, { orderBy: { createdAt: 'asc', position: 'asc', id: 'asc' } });
      for (const [caseId, waiting] of batch) {
        const mine = docs.filter((d) => d.returnCase.id === caseId);
        for (const w of waiting) w.resolve(mine);
      }
    } catch (error) {
      for (const waiting of batch.values()) for (const w of waiting) w.reject(error);
    }
  }

  /** `ReturnCase.uploadableKinds`: what the viewer could add to the case now (the upload's own rules, document-policy.ts). */
  uploadableKinds(rc: CaseRow): DocumentKind[] {
    return this.viewer ? uploadableKinds(actorOf(this.viewer), rc) : [];
  }

  /** The document, if the viewer can see its case and may see its kind; NOT_FOUND otherwise (no existence leak). */
  async findVisible(documentId: string): Promise<EvidenceDocument> {
    const viewer = this.viewer;
    if (!viewer) throw unauthenticated();
    const doc = isUuid(documentId) ? await this.em.findOne(EvidenceDocument, { id: documentId }) : null;
    if (!doc) throw notFound('Document', documentId);
    const rc = await findVisibleCase(this.em, viewer, doc.returnCase.id).catch(() => null);
    if (!rc || !documentVisibleTo(viewer, rc, doc.kind)) throw notFound('Document', documentId);
    return doc;
  }

  /** For a request carrying a valid signed link: the link itself is the authorisation. */
  async findById(documentId: string): Promise<EvidenceDocument> {
    const doc = isUuid(documentId) ? await this.em.findOne(EvidenceDocument, { id: documentId }) : null;
    if (!doc) throw notFound('Document', documentId);
    return doc;
  }

  url(doc: EvidenceDocument, variant: FileVariant = 'file'): string {
    return this.links.url(doc.id, variant);
  }

  private actor(): Actor {
    if (!this.viewer) throw unauthenticated();
    return actorOf(this.viewer);
  }
}
