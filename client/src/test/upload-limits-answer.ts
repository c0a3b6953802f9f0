import type { UploadLimitsQuery } from '../gql/graphql';

// What the API answers to Query.uploadLimits (tests/api/upload-limits.test.ts checks the server's side), for
// component tests: renderApp answers it unless a test does.
const MiB = 1024 * 1024;

const type = (contentType: string, media: 'IMAGE' | 'VIDEO' | 'PDF', maxBytes: number, extensions: string[]) => ({ __typename: 'AcceptedFileType' as const, contentType, media, maxBytes, extensions });
const images = (maxBytes: number) => [type('image/jpeg', 'IMAGE', maxBytes, ['jpg', 'jpeg']), type('image/png', 'IMAGE', maxBytes, ['png']), type('image/webp', 'IMAGE', maxBytes, ['webp'])];
const party = (kind: 'RESPONSE' | 'INSPECTION') => ({
  __typename: 'DocumentKindLimits' as const,
  kind,
  maxImagesPerCase: 20,
  maxVideosPerCase: 0,
  maxFilesPerCase: 20,
  minFilesPerRequest: 0,
  acceptedDescription: 'JPEG, PNG or WEBP images and PDF documents',
  summary: 'Photos (JPG, PNG or WEBP, 10 MB each) and PDF documents (20 MB each), up to 20 per case.',
  acceptedTypes: [...images(10 * MiB), type('application/pdf', 'PDF', 20 * MiB, ['pdf'])],
});

export const uploadLimits: UploadLimitsQuery = {
  uploadLimits: {
    __typename: 'UploadLimits',
    maxFilesPerRequest: 10,
    kinds: [
      {
        __typename: 'DocumentKindLimits',
        kind: 'EVIDENCE',
        maxImagesPerCase: 5,
        maxVideosPerCase: 1,
        maxFilesPerCase: 6,
        minFilesPerRequest: 0,
        acceptedDescription: 'JPEG, PNG or WEBP images and MP4 or MOV videos',
        summary: 'Up to 5 photos (JPG, PNG or WEBP, 5 MB each) and 1 video (MP4 or MOV, 50 MB).',
        acceptedTypes: [...images(5 * MiB), type('video/mp4', 'VIDEO', 50 * MiB, ['mp4']), type('video/quicktime', 'VIDEO', 50 * MiB, ['mov'])],
      },
      party('RESPONSE'),
      party('INSPECTION'),
      {
        __typename: 'DocumentKindLimits',
        kind: 'SHIPMENT_EVIDENCE',
        maxImagesPerCase: 5,
        maxVideosPerCase: 0,
        maxFilesPerCase: 5,
        minFilesPerRequest: 1,
        acceptedDescription: 'JPEG, PNG or WEBP images',
        summary: '1 to 5 photos of the packed goods (JPG, PNG or WEBP, 5 MB each).',
        acceptedTypes: images(5 * MiB),
      },
    ],
  },
};
