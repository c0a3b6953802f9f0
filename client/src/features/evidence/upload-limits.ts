import type { DocumentKind } from '../../gql/graphql';

// The server's upload rules (server/src/modules/documents/document-policy.ts, SPEC §4), repeated here so people
// read them BEFORE uploading and a file the server would refuse is refused at once, with the server's own words.
// The server still decides: it sniffs the bytes, and what it refuses is shown as it says it.

const MiB = 1024 * 1024;

export type MediaClass = 'image' | 'video' | 'pdf';

interface AcceptedType {
  contentType: string;
  media: MediaClass;
  extensions: readonly string[];
}

const IMAGES: AcceptedType[] = [
  { contentType: 'image/jpeg', media: 'image', extensions: ['jpg', 'jpeg'] },
  { contentType: 'image/png', media: 'image', extensions: ['png'] },
  { contentType: 'image/webp', media: 'image', extensions: ['webp'] },
];
const VIDEOS: AcceptedType[] = [
  { contentType: 'video/mp4', media: 'video', extensions: ['mp4'] },
  { contentType: 'video/quicktime', media: 'video', extensions: ['mov'] },
];
const PDFS: AcceptedType[] = [{ contentType: 'application/pdf', media: 'pdf', extensions: ['pdf'] }];

/** SPEC §4: customer evidence per case. */
export const EVIDENCE_LIMITS = { images: 5, videos: 1, imageBytes: 5 * MiB, videoBytes: 50 * MiB } as const;
/** Response documents and inspection photos, per kind per case (the server's choice). */
export const PARTY_DOCUMENT_LIMITS = { perCase: 20, imageBytes: 10 * MiB, pdfBytes: 20 * MiB } as const;
export const MAX_FILES_PER_REQUEST = 10;
/** Seed 002: a shipment comes with 1 to 5 photos of the packed goods. */
export const SHIPMENT_LIMITS = { minPhotos: 1, photos: 5, imageBytes: 5 * MiB } as const;
export const SHIPMENT_PHOTOS_MESSAGE = `Add ${SHIPMENT_LIMITS.minPhotos} to ${SHIPMENT_LIMITS.photos} photos of the packed goods.`;

export interface UploadRules {
  kind: DocumentKind;
  types: AcceptedType[];
  maxBytes: Record<MediaClass, number>;
  /** What the case may hold of this kind in total. */
  maxImages: number;
  maxVideos: number;
  maxTotal: number;
  /** The `accept` attribute of the file input. */
  accept: string;
  /** The limits in one sentence, shown before anything is chosen. */
  summary: string;
}

const acceptOf = (types: AcceptedType[]) => [...types.map((t) => t.contentType), ...types.flatMap((t) => t.extensions.map((e) => `.${e}`))].join(',');

export function uploadRules(kind: DocumentKind): UploadRules {
  if (kind === 'EVIDENCE') {
    const types = [...IMAGES, ...VIDEOS];
    return {
      kind,
      types,
      maxBytes: { image: EVIDENCE_LIMITS.imageBytes, video: EVIDENCE_LIMITS.videoBytes, pdf: 0 },
      maxImages: EVIDENCE_LIMITS.images,
      maxVideos: EVIDENCE_LIMITS.videos,
      maxTotal: EVIDENCE_LIMITS.images + EVIDENCE_LIMITS.videos,
      accept: acceptOf(types),
      summary: `Up to ${EVIDENCE_LIMITS.images} photos (JPG, PNG or WEBP, 5 MB each) and ${EVIDENCE_LIMITS.videos} video (MP4 or MOV, 50 MB).`,
    };
  }
  if (kind === 'SHIPMENT_EVIDENCE') {
    return {
      kind,
      types: IMAGES,
      maxBytes: { image: SHIPMENT_LIMITS.imageBytes, video: 0, pdf: 0 },
      maxImages: SHIPMENT_LIMITS.photos,
      maxVideos: 0,
      maxTotal: SHIPMENT_LIMITS.photos,
      accept: acceptOf(IMAGES),
      summary: `${SHIPMENT_LIMITS.minPhotos} to ${SHIPMENT_LIMITS.photos} photos of the packed goods (JPG, PNG or WEBP, 5 MB each).`,
    };
  }
  const types = [...IMAGES, ...PDFS];
  return {
    kind,
    types,
    maxBytes: { image: PARTY_DOCUMENT_LIMITS.imageBytes, video: 0, pdf: PARTY_DOCUMENT_LIMITS.pdfBytes },
    maxImages: PARTY_DOCUMENT_LIMITS.perCase,
    maxVideos: 0,
    maxTotal: PARTY_DOCUMENT_LIMITS.perCase,
    accept: acceptOf(types),
    summary: `Photos (JPG, PNG or WEBP, 10 MB each) and PDF documents (20 MB each), up to ${PARTY_DOCUMENT_LIMITS.perCase} per case.`,
  };
}

const describeAccepted = (kind: DocumentKind): string =>
  kind === 'EVIDENCE' ? 'JPEG, PNG or WEBP images and MP4 or MOV videos' : kind === 'SHIPMENT_EVIDENCE' ? 'JPEG, PNG or WEBP images' : 'JPEG, PNG or WEBP images and PDF documents';

const extensionOf = (name: string): string => (name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '');

/** What a chosen file is, from its declared type or else its name (the server sniffs the bytes later). */
export function mediaOf(rules: UploadRules, file: Pick<File, 'name' | 'type'>): MediaClass | null {
  const byType = rules.types.find((t) => t.contentType === file.type);
  if (byType) return byType.media;
  const ext = extensionOf(file.name);
  return rules.types.find((t) => t.extensions.includes(ext))?.media ?? null;
}

export const formatBytes = (bytes: number): string =>
  bytes >= MiB ? `${(bytes / MiB).toFixed(bytes >= 10 * MiB ? 0 : 1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;

export interface Counts {
  images: number;
  videos: number;
  total: number;
}

/**
 * Why this file cannot be added, or null. `counts`: what the case holds plus what is already chosen; `chosen`:
 * how many files this request already carries. The messages are
 * the server's, so a person reads the same words whichever side refuses.
 */
export function fileProblem(rules: UploadRules, file: Pick<File, 'name' | 'type' | 'size'>, counts: Counts, chosen: number): string | null {
  const media = mediaOf(rules, file);
  if (!media) return `This file type is not accepted here: ${rules.kind.toLowerCase()} documents can be ${describeAccepted(rules.kind)}.`;
  const max = rules.maxBytes[media];
  if (file.size > max) return `This ${media === 'pdf' ? 'document' : media} is larger than the ${max / MiB} MB limit.`;
  if (file.size === 0) return 'This file is empty.';
  if (rules.kind === 'EVIDENCE') {
    if (media === 'image' && counts.images + 1 > rules.maxImages) return `A case can hold at most ${rules.maxImages} evidence images.`;
    if (media === 'video' && counts.videos + 1 > rules.maxVideos) return `A case can hold at most ${rules.maxVideos} evidence video.`;
  } else if (rules.kind === 'SHIPMENT_EVIDENCE') {
    if (counts.total + 1 > rules.maxTotal) return SHIPMENT_PHOTOS_MESSAGE;
  } else if (counts.total + 1 > rules.maxTotal) {
    return `A case can hold at most ${rules.maxTotal} ${rules.kind.toLowerCase()} documents.`;
  }
  if (chosen + 1 > MAX_FILES_PER_REQUEST) return `Upload at most ${MAX_FILES_PER_REQUEST} files at a time.`;
  return null;
}

export function addCount(counts: Counts, media: MediaClass | null): Counts {
  return { images: counts.images + (media === 'image' ? 1 : 0), videos: counts.videos + (media === 'video' ? 1 : 0), total: counts.total + 1 };
}
