import { DomainError, ErrorCode, badInput } from '../../errors/domain-error.js';
import type { Viewer } from '../auth/viewer.js';
import type { Actor } from '../returns/actor.js';
import { CaseStatus, isActiveStatus } from '../returns/return-case.enums.js';
import type { ReturnCase } from '../returns/return-case.entity.js';
import { Role } from '../users/user.enums.js';
import { DocumentKind } from './document.enums.js';

/** What a file is, once its bytes have been sniffed. */
export type MediaClass = 'image' | 'video' | 'pdf';

export interface AcceptedType {
  contentType: string;
  media: MediaClass;
  maxBytes: number;
  /** File name extensions that match the content (the first is added to a name that has none of them). */
  extensions: string[];
}

const MiB = 1024 * 1024;

const IMAGE_TYPES = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
} as const;
const VIDEO_TYPES = { 'video/mp4': ['mp4'], 'video/quicktime': ['mov'] } as const;
const PDF_TYPES = { 'application/pdf': ['pdf'] } as const;

/** SPEC §4: customer evidence per case. */
export const EVIDENCE_LIMITS = { images: 5, videos: 1, imageBytes: 5 * MiB, videoBytes: 50 * MiB } as const;
/** Seed 002: confirming a shipment takes 1 to 5 photos of the packed goods (JPEG/PNG/WEBP, 5 MB each), and a description. */
export const SHIPMENT_LIMITS = { minPhotos: 1, photos: 5, imageBytes: 5 * MiB, descriptionLength: 2_000 } as const;
/** Merchants' response documents and inspection photos (the SPEC is silent; these are our choice). */
export const PARTY_DOCUMENT_LIMITS = { perCase: 20, imageBytes: 10 * MiB, pdfBytes: 20 * MiB } as const;
/** Files per request, and the largest single file of any kind (the multipart parser's hard cap). */
export const MAX_FILES_PER_REQUEST = 10;
export const MAX_FILE_BYTES = Math.max(EVIDENCE_LIMITS.videoBytes, PARTY_DOCUMENT_LIMITS.pdfBytes, PARTY_DOCUMENT_LIMITS.imageBytes);
/** The multipart parser's cap: one byte more, because busboy reports a file that reaches its limit as truncated. */
export const PARSER_MAX_FILE_BYTES = MAX_FILE_BYTES + 1;

const table = (types: Record<string, readonly string[]>, media: MediaClass, maxBytes: number): AcceptedType[] =>
  Object.entries(types).map(([contentType, extensions]) => ({ contentType, media, maxBytes, extensions: [...extensions] }));

const ACCEPTED: Record<DocumentKind, AcceptedType[]> = {
  [DocumentKind.EVIDENCE]: [...table(IMAGE_TYPES, 'image', EVIDENCE_LIMITS.imageBytes), ...table(VIDEO_TYPES, 'video', EVIDENCE_LIMITS.videoBytes)],
  [DocumentKind.RESPONSE]: [...table(IMAGE_TYPES, 'image', PARTY_DOCUMENT_LIMITS.imageBytes), ...table(PDF_TYPES, 'pdf', PARTY_DOCUMENT_LIMITS.pdfBytes)],
  [DocumentKind.INSPECTION]: [...table(IMAGE_TYPES, 'image', PARTY_DOCUMENT_LIMITS.imageBytes), ...table(PDF_TYPES, 'pdf', PARTY_DOCUMENT_LIMITS.pdfBytes)],
  [DocumentKind.SHIPMENT_EVIDENCE]: table(IMAGE_TYPES, 'image', SHIPMENT_LIMITS.imageBytes),
};

const ACCEPTED_WORDS: Record<DocumentKind, string> = {
  [DocumentKind.EVIDENCE]: 'JPEG, PNG or WEBP images and MP4 or MOV videos',
  [DocumentKind.RESPONSE]: 'JPEG, PNG or WEBP images and PDF documents',
  [DocumentKind.INSPECTION]: 'JPEG, PNG or WEBP images and PDF documents',
  [DocumentKind.SHIPMENT_EVIDENCE]: 'JPEG, PNG or WEBP images',
};

const describeAccepted = (kind: DocumentKind): string => ACCEPTED_WORDS[kind];

/** The accepted type for content sniffed as `detected` (undefined: not a known binary format, e.g. text, HTML, SVG). */
export function acceptedType(kind: DocumentKind, detected: string | undefined): AcceptedType {
  const found = ACCEPTED[kind].find((t) => t.contentType === detected);
  if (!found) {
    throw new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, `This file type is not accepted here: ${kind} documents can be ${describeAccepted(kind)}.`, {
      detected: detected ?? 'unknown',
    });
  }
  return found;
}

/** One kind's limits as the API serves them (`Query.uploadLimits`): the web app states and checks them before sending. */
export interface KindLimits {
  kind: DocumentKind;
  acceptedTypes: AcceptedType[];
  maxImagesPerCase: number;
  maxVideosPerCase: number;
  maxFilesPerCase: number;
  /** The fewest files a request of this kind must bring (1 for a shipment's photos; 0 where files are optional). */
  minFilesPerRequest: number;
  acceptedDescription: string;
  summary: string;
}

export function limitsOf(kind: DocumentKind): KindLimits {
  const mb = (bytes: number) => bytes / MiB;
  if (kind === DocumentKind.EVIDENCE) {
    const { images, videos, imageBytes, videoBytes } = EVIDENCE_LIMITS;
    return {
      kind,
      acceptedTypes: ACCEPTED[kind],
      maxImagesPerCase: images,
      maxVideosPerCase: videos,
      maxFilesPerCase: images + videos,
      minFilesPerRequest: 0,
      acceptedDescription: describeAccepted(kind),
      summary: `Up to ${images} photos (JPG, PNG or WEBP, ${mb(imageBytes)} MB each) and ${videos} video (MP4 or MOV, ${mb(videoBytes)} MB).`,
    };
  }
  if (kind === DocumentKind.SHIPMENT_EVIDENCE) {
    const { minPhotos, photos, imageBytes } = SHIPMENT_LIMITS;
    return {
      kind,
      acceptedTypes: ACCEPTED[kind],
      maxImagesPerCase: photos,
      maxVideosPerCase: 0,
      maxFilesPerCase: photos,
      minFilesPerRequest: minPhotos,
      acceptedDescription: describeAccepted(kind),
      summary: `${minPhotos} to ${photos} photos of the packed goods (JPG, PNG or WEBP, ${mb(imageBytes)} MB each).`,
    };
  }
  const { perCase, imageBytes, pdfBytes } = PARTY_DOCUMENT_LIMITS;
  return {
    kind,
    acceptedTypes: ACCEPTED[kind],
    maxImagesPerCase: perCase,
    maxVideosPerCase: 0,
    maxFilesPerCase: perCase,
    minFilesPerRequest: 0,
    acceptedDescription: describeAccepted(kind),
    summary: `Photos (JPG, PNG or WEBP, ${mb(imageBytes)} MB each) and PDF documents (${mb(pdfBytes)} MB each), up to ${perCase} per case.`,
  };
}

export const mediaClassOf = (contentType: string): MediaClass =>
  contentType.startsWith('image/') ? 'image' : contentType.startsWith('video/') ? 'video' : 'pdf';

export const tooLarge = (maxBytes: number, media?: MediaClass) =>
  new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, `This ${media === 'pdf' ? 'document' : (media ?? 'file')} is larger than the ${maxBytes / MiB} MB limit.`, { maxBytes });

/** What a case already holds of one kind, and what a request brings: the per-case limits are checked on this. */
export interface DocumentCounts {
  images: number;
  videos: number;
  total: number;
}
export const emptyCounts = (): DocumentCounts => ({ images: 0, videos: 0, total: 0 });

export function addToCounts(counts: DocumentCounts, media: MediaClass): void {
  counts.total++;
  if (media === 'image') counts.images++;
  if (media === 'video') counts.videos++;
}

/** Throws the coded refusal when `counts` (existing + new) exceed what a case may hold of `kind`. */
export function assertWithinCaseLimits(kind: DocumentKind, counts: DocumentCounts): void {
  if (kind === DocumentKind.EVIDENCE) {
    if (counts.images > EVIDENCE_LIMITS.images) {
      throw badInput(`A case can hold at most ${EVIDENCE_LIMITS.images} evidence images.`, { rule: 'EVIDENCE_IMAGE_LIMIT', limit: EVIDENCE_LIMITS.images });
    }
    if (counts.videos > EVIDENCE_LIMITS.videos) {
      throw badInput(`A case can hold at most ${EVIDENCE_LIMITS.videos} evidence video.`, { rule: 'EVIDENCE_VIDEO_LIMIT', limit: EVIDENCE_LIMITS.videos });
    }
  } else if (kind === DocumentKind.SHIPMENT_EVIDENCE) {
    if (counts.total > SHIPMENT_LIMITS.photos) throw shipmentPhotoCount();
  } else if (counts.total > PARTY_DOCUMENT_LIMITS.perCase) {
    throw badInput(`A case can hold at most ${PARTY_DOCUMENT_LIMITS.perCase} ${kind} documents.`, { rule: 'DOCUMENT_LIMIT', limit: PARTY_DOCUMENT_LIMITS.perCase });
  }
}

const shipmentPhotoCount = () =>
  badInput(`Add ${SHIPMENT_LIMITS.minPhotos} to ${SHIPMENT_LIMITS.photos} photos of the packed goods.`, { field: 'photos', rule: 'SHIPMENT_PHOTOS', min: SHIPMENT_LIMITS.minPhotos, max: SHIPMENT_LIMITS.photos });

/** Before any byte is read: a shipment comes with 1 to 5 photos (a case ships once, so there are none yet). */
export function assertShipmentPhotoCount(fileCount: number): void {
  if (fileCount < SHIPMENT_LIMITS.minPhotos || fileCount > SHIPMENT_LIMITS.photos) throw shipmentPhotoCount();
}

/** Before any byte is read: a request with more files than the case has room for (of any type) is refused. */
export function assertRoomFor(kind: DocumentKind, existing: DocumentCounts, fileCount: number): void {
  if (fileCount === 0) throw badInput('Choose at least one file to upload.', { field: 'files' });
  if (fileCount > MAX_FILES_PER_REQUEST) {
    throw badInput(`Upload at most ${MAX_FILES_PER_REQUEST} files at a time.`, { field: 'files', rule: 'FILES_PER_REQUEST', limit: MAX_FILES_PER_REQUEST });
  }
  const room =
    kind === DocumentKind.EVIDENCE
      ? Math.max(0, EVIDENCE_LIMITS.images - existing.images) + Math.max(0, EVIDENCE_LIMITS.videos - existing.videos)
      : Math.max(0, PARTY_DOCUMENT_LIMITS.perCase - existing.total);
  if (fileCount > room) {
    const rule = kind === DocumentKind.EVIDENCE ? 'EVIDENCE_LIMIT' : 'DOCUMENT_LIMIT';
    throw badInput(
      kind === DocumentKind.EVIDENCE
        ? `This case has room for ${room} more evidence file${room === 1 ? '' : 's'} (at most ${EVIDENCE_LIMITS.images} images and ${EVIDENCE_LIMITS.videos} video).`
        : `This case has room for ${room} more ${kind} document${room === 1 ? '' : 's'}.`,
      { rule, room },
    );
  }
}

const INSPECTION_STATUSES: ReadonlySet<CaseStatus> = new Set([CaseStatus.RECEIVED, CaseStatus.INSPECTED]);

/** Shipment photos come only with the shipment (`confirmReturnShipment`), never through `uploadCaseDocuments`. */
const STAFF_KINDS: readonly DocumentKind[] = [DocumentKind.EVIDENCE, DocumentKind.RESPONSE, DocumentKind.INSPECTION];

/**
 * THE rule of which kinds each role may upload at all (the shield map's `mayUploadKind`, the service, and
 * `ReturnCase.uploadableKinds` for the web app all read it). Merchants upload `inspection` photos as well as
 * `response` documents: SPEC §1 has them "receive and inspect goods", and an inspection whose result (a failed
 * inspection, a lowered refund) the customer may dispute must be able to show its photos. The §1 upload line naming
 * only `response` for merchants predates merchant inspections and is outdated on that point.
 */
export const UPLOADABLE_KINDS: Record<Role, readonly DocumentKind[]> = { [Role.CUSTOMER]: [DocumentKind.EVIDENCE], [Role.MERCHANT]: [DocumentKind.RESPONSE, DocumentKind.INSPECTION], [Role.OPS]: STAFF_KINDS, [Role.ADMIN]: STAFF_KINDS };

/**
 * SPEC §1, per case: customers add evidence to their active cases; merchants responses to their active cases and
 * inspection photos while the goods are at receipt or inspection; ops and admins any kind at any time.
 * Which kinds a role may upload at all is UPLOADABLE_KINDS (checked first by the shield map's mayUploadKind);
 * this adds what depends on the case. Ownership is checked before (findVisibleCase).
 */
export function uploadRefusal(actor: Actor, rc: Pick<ReturnCase, 'status'>, kind: DocumentKind): DomainError | null {
  if (actor.kind === 'system') return null;
  // The shield map already refused other kinds; repeated for callers that do not come through GraphQL.
  if (!roleMayUpload(actor.kind as Role, kind)) return new DomainError(ErrorCode.FORBIDDEN, `You cannot upload ${kind} documents.`);
  if (actor.kind === 'ops' || actor.kind === 'admin') return null;
  if (!isActiveStatus(rc.status)) {
    return new DomainError(ErrorCode.FORBIDDEN, `This case is ${rc.status.replace(/_/g, ' ')}: no more documents can be added.`, { rule: 'CASE_CLOSED', status: rc.status.toUpperCase() });
  }
  if (kind === DocumentKind.INSPECTION && !INSPECTION_STATUSES.has(rc.status)) {
    return new DomainError(ErrorCode.FORBIDDEN, `Inspection photos can be added once the goods are received (the case is ${rc.status.replace(/_/g, ' ')}).`, {
      rule: 'NOT_AT_INSPECTION',
      status: rc.status.toUpperCase(),
    });
  }
  return null;
}

/** Which kinds a role may upload at all (the role rule of the shield map). */
export function roleMayUpload(role: Role, kind: DocumentKind): boolean {
  return (UPLOADABLE_KINDS[role] ?? []).includes(kind);
}

/** `ReturnCase.uploadableKinds`: the kinds the actor could add to this case now — what the upload form offers. */
export function uploadableKinds(actor: Actor, rc: Pick<ReturnCase, 'status'>): DocumentKind[] {
  return Object.values(DocumentKind).filter((kind) => uploadRefusal(actor, rc, kind) === null);
}

/**
 * Who sees a document of a case they can see. Everyone sees evidence, responses and the shipment's photos. Inspection photos are the
 * merchant's and ops' working material until the inspection is recorded; from then on the customer sees them too,
 * because they are what a lowered refund or a failed inspection rests on (and what a dispute would argue about).
 */
export function documentVisibleTo(viewer: Viewer, rc: Pick<ReturnCase, 'inspectedAt'>, kind: DocumentKind): boolean {
  if (kind !== DocumentKind.INSPECTION || viewer.role !== Role.CUSTOMER) return true;
  return rc.inspectedAt !== null;
}
