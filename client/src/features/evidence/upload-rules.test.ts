import { describe, expect, it } from 'vitest';
import { uploadLimits } from '../../test/upload-limits-answer';
import { fileProblem, formatBytes, mediaOf, uploadRules } from './upload-rules';

const MiB = 1024 * 1024;
const none = { images: 0, videos: 0, total: 0 };
const file = (name: string, type: string, size = 1000) => ({ name, type, size });

describe('upload rules (the API’s limits, checked before sending)', () => {
  const rulesOf = (kind: 'EVIDENCE' | 'RESPONSE') => uploadRules(uploadLimits.uploadLimits, kind);
  const evidence = rulesOf('EVIDENCE');

  it('states the limits in one sentence and accepts only the allowed types', () => {
    expect(evidence.summary).toBe('Up to 5 photos (JPG, PNG or WEBP, 5 MB each) and 1 video (MP4 or MOV, 50 MB).');
    expect(evidence.accept.split(',')).toEqual(expect.arrayContaining(['image/jpeg', 'image/png', 'image/webp', 'video/mp4', 'video/quicktime', '.mov']));
    expect(rulesOf('RESPONSE').accept).toContain('application/pdf');
  });

  it('recognises a file by its declared type or else its extension', () => {
    expect(mediaOf(evidence, file('a.jpg', 'image/jpeg'))).toBe('image');
    expect(mediaOf(evidence, file('clip.MOV', ''))).toBe('video');
    expect(mediaOf(evidence, file('notes.txt', 'text/plain'))).toBeNull();
    expect(mediaOf(evidence, file('scan.pdf', 'application/pdf'))).toBeNull();
  });

  it('refuses with the server’s words: type, size, per-case counts, files per request', () => {
    expect(fileProblem(evidence, file('notes.txt', 'text/plain'), none, 0)).toBe(
      'This file type is not accepted here: evidence documents can be JPEG, PNG or WEBP images and MP4 or MOV videos.',
    );
    expect(fileProblem(evidence, file('big.png', 'image/png', 5 * MiB + 1), none, 0)).toBe('This image is larger than the 5 MB limit.');
    expect(fileProblem(evidence, file('ok.png', 'image/png', 5 * MiB), none, 0)).toBeNull();
    expect(fileProblem(evidence, file('big.mp4', 'video/mp4', 50 * MiB + 1), none, 0)).toBe('This video is larger than the 50 MB limit.');
    expect(fileProblem(evidence, file('sixth.png', 'image/png'), { images: 5, videos: 0, total: 5 }, 2)).toBe('A case can hold at most 5 evidence images.');
    expect(fileProblem(evidence, file('second.mp4', 'video/mp4'), { images: 0, videos: 1, total: 1 }, 0)).toBe('A case can hold at most 1 evidence video.');
    expect(fileProblem(evidence, file('empty.png', 'image/png', 0), none, 0)).toBe('This file is empty.');
    const response = rulesOf('RESPONSE');
    expect(fileProblem(response, file('clip.mp4', 'video/mp4'), none, 0)).toContain('response documents can be JPEG, PNG or WEBP images and PDF documents');
    expect(fileProblem(response, file('scan.pdf', 'application/pdf', 20 * MiB + 1), none, 0)).toBe('This document is larger than the 20 MB limit.');
    expect(fileProblem(response, file('x.png', 'image/png'), { images: 20, videos: 0, total: 20 }, 0)).toBe('A case can hold at most 20 response documents.');
    expect(fileProblem(response, file('x.png', 'image/png'), { images: 10, videos: 0, total: 10 }, 10)).toBe('Upload at most 10 files at a time.');
  });

  it('writes sizes for people', () => {
    expect(formatBytes(346)).toBe('346 bytes');
    expect(formatBytes(245_000)).toBe('239 KB');
    expect(formatBytes(5 * MiB)).toBe('5.0 MB');
    expect(formatBytes(50 * MiB)).toBe('50 MB');
  });
});
