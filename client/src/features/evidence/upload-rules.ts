import { useQuery } from '@apollo/client/react';
import type { DocumentKind, UploadLimitsQuery } from '../../gql/graphql';
import { UploadLimitsDocument } from './documents.graphql';

// The API's upload rules (Query.uploadLimits), so people read them BEFORE uploading and a file the server would
// refuse is refused at once, in the server's words. The server still decides: it sniffs the bytes, and what it
// refuses is shown as it says it.

const MiB = 1024 * 1024;

export type MediaClass = 'image' | 'video' | 'pdf';

type KindLimits = UploadLimitsQuery['uploadLimits']['kinds'][number];

export interface UploadRules {
  kind: DocumentKind;
  types: KindLimits['acceptedTypes'];
  maxBytes: Record<MediaClass, number>;
  /** What the case may hold of this kind in total. */
  maxImages: number;
  maxVideos: number;
  maxTotal: number;
  /** The fewest files one request must bring (a shipment's photos: 1). */
  minFiles: number;
  maxFilesPerRequest: number;
  /** The accepted types in words, as the server's refusal names them. */
  acceptedDescription: string;
  /** The `accept` attribute of the file input. */
  accept: string;
  /** The limits in one sentence, shown before anything is chosen. */
  summary: string;
}

const mediaClass = (media: KindLimits['acceptedTypes'][number]['media']): MediaClass => media.toLowerCase() as MediaClass;

/** One kind's rules from the API's answer. */
export function uploadRules(limits: UploadLimitsQuery['uploadLimits'], kind: DocumentKind): UploadRules {
  const served = limits.kinds.find((k) => k.kind === kind);
  if (!served) throw new Error(`The API serves no upload limits for ${kind}.`);
  const maxBytes: Record<MediaClass, number> = { image: 0, video: 0, pdf: 0 };
  for (const type of served.acceptedTypes) maxBytes[mediaClass(type.media)] = Math.max(maxBytes[mediaClass(type.media)], type.maxBytes);
  return {
    kind,
    types: served.acceptedTypes,
    maxBytes,
    maxImages: served.maxImagesPerCase,
    maxVideos: served.maxVideosPerCase,
    maxTotal: served.maxFilesPerCase,
    minFiles: served.minFilesPerRequest,
    maxFilesPerRequest: limits.maxFilesPerRequest,
    acceptedDescription: served.acceptedDescription,
    accept: [...served.acceptedTypes.map((t) => t.contentType), ...served.acceptedTypes.flatMap((t) => t.extensions.map((e) => `.${e}`))].join(','),
    summary: served.summary,
  };
}

/** The rules of `kind`, once the API has answered (asked once per page load, then read from the cache). */
export function useUploadRules(kind: DocumentKind): { rules: UploadRules | null; failed: boolean } {
  const { data, error } = useQuery(UploadLimitsDocument);
  return { rules: data ? uploadRules(data.uploadLimits, kind) : null, failed: Boolean(error) };
}

const extensionOf = (name: string): string => (name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '');

/** What a chosen file is, from its declared type or else its name (the server sniffs the bytes later). */
export function mediaOf(rules: UploadRules, file: Pick<File, 'name' | 'type'>): MediaClass | null {
  const byType = rules.types.find((t) => t.contentType === file.type);
  if (byType) return mediaClass(byType.media);
  const ext = extensionOf(file.name);
  const byName = rules.types.find((t) => t.extensions.includes(ext));
  return byName ? mediaClass(byName.media) : null;
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
 * how many files this request already carries. The messages are the server's, so a person reads the same words
 * whichever side refuses.
 */
export function fileProblem(rules: UploadRules, file: Pick<File, 'name' | 'type' | 'size'>, counts: Counts, chosen: number): string | null {
  const media = mediaOf(rules, file);
  if (!media) return `This file type is not accepted here: ${rules.kind.toLowerCase()} documents can be ${rules.acceptedDescription}.`;
  const max = rules.maxBytes[media];
  if (file.size > max) return `This ${media === 'pdf' ? 'document' : media} is larger than the ${max / MiB} MB limit.`;
  if (file.size === 0) return 'This file is empty.';
  if (rules.kind === 'EVIDENCE') {
    if (media === 'image' && counts.images + 1 > rules.maxImages) return `A case can hold at most ${rules.maxImages} evidence images.`;
    if (media === 'video' && counts.videos + 1 > rules.maxVideos) return `A case can hold at most ${rules.maxVideos} evidence video.`;
  } else if (counts.total + 1 > rules.maxTotal) {
    return `A case can hold at most ${rules.maxTotal} ${rules.kind.toLowerCase()} documents.`;
  }
  if (chosen + 1 > rules.maxFilesPerRequest) return `Upload at most ${rules.maxFilesPerRequest} files at a time.`;
  return null;
}

export function addCount(counts: Counts, media: MediaClass | null): Counts {
  return { images: counts.images + (media === 'image' ? 1 : 0), videos: counts.videos + (media === 'video' ? 1 : 0), total: counts.total + 1 };
}
