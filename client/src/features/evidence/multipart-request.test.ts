import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UploadCaseDocumentsDocument } from './documents.graphql';
import { describeProblem, multipartRequest, UploadRequestError } from './multipart-request';

/** A stand-in for the browser's XMLHttpRequest: records the request, and lets the test drive progress and the answer. */
class FakeXhr {
  static last: FakeXhr;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;
  withCredentials = false;
  status = 0;
  responseText = '';
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.onload?.();
  }
}

const original = globalThis.XMLHttpRequest;
beforeEach(() => {
  globalThis.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
});
afterEach(() => {
  globalThis.XMLHttpRequest = original;
});

const photo = (name: string, size: number) => new File([new Uint8Array(size)], name, { type: 'image/png' });

describe('multipart upload request', () => {
  it('sends the typed operation by the multipart spec, with the CSRF preflight header and the session cookie', async () => {
    const files = [photo('a.png', 300), photo('b.png', 100)];
    const done = multipartRequest(UploadCaseDocumentsDocument, { caseId: 'case-1', kind: 'EVIDENCE', files }, files.map((file, i) => ({ path: `files.${i}`, file })));
    const xhr = FakeXhr.last;
    expect([xhr.method, xhr.url, xhr.withCredentials, xhr.headers['apollo-require-preflight']]).toEqual(['POST', '/graphql', true, 'true']);
    const operations = JSON.parse(xhr.body!.get('operations') as string);
    expect(operations.query).toContain('mutation UploadCaseDocuments');
    expect(operations.variables).toEqual({ caseId: 'case-1', kind: 'EVIDENCE', files: [null, null] });
    expect(JSON.parse(xhr.body!.get('map') as string)).toEqual({ 0: ['variables.files.0'], 1: ['variables.files.1'] });
    expect((xhr.body!.get('1') as File).name).toBe('b.png');
    xhr.answer(200, { data: { uploadCaseDocuments: [{ __typename: 'EvidenceDocument', id: 'd1', kind: 'EVIDENCE', fileName: 'a.png' }] } });
    expect((await done).uploadCaseDocuments[0].id).toBe('d1');
  });

  it('reports each file’s progress from the bytes sent so far, in order', async () => {
    const files = [photo('a.png', 300), photo('b.png', 100)];
    const seen: number[][] = [];
    const done = multipartRequest(UploadCaseDocumentsDocument, { caseId: 'c', kind: 'EVIDENCE', files }, files.map((file, i) => ({ path: `files.${i}`, file })), {
      onProgress: (p) => seen.push(p),
    });
    const xhr = FakeXhr.last;
    xhr.upload.onprogress!({ lengthComputable: true, loaded: 150, total: 400 });
    xhr.upload.onprogress!({ lengthComputable: true, loaded: 350, total: 400 });
    xhr.answer(200, { data: { uploadCaseDocuments: [] } });
    await done;
    expect(seen).toEqual([
      [0.5, 0],
      [1, 0.5],
      [1, 1],
    ]);
  });

  it('turns the server’s refusals into readable, coded errors', async () => {
    const files = [photo('a.png', 10)];
    const send = () => multipartRequest(UploadCaseDocumentsDocument, { caseId: 'c', kind: 'EVIDENCE', files }, [{ path: 'files.0', file: files[0] }]);

    let pending = send();
    FakeXhr.last.answer(200, { data: null, errors: [{ message: 'A case can hold at most 5 evidence images.', extensions: { code: 'BAD_USER_INPUT' } }] });
    await expect(pending).rejects.toMatchObject({ message: 'A case can hold at most 5 evidence images.', code: 'BAD_USER_INPUT' });

    pending = send();
    FakeXhr.last.answer(413, '<html>too large</html>');
    await expect(pending).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'These files are too large to send together. Send fewer or smaller files.' });

    pending = send();
    FakeXhr.last.answer(502, 'Bad gateway');
    await expect(pending).rejects.toMatchObject({ message: 'ReturnHub is having trouble right now. Try again in a moment.' });

    pending = send();
    FakeXhr.last.onerror!();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadRequestError);
    expect(describeProblem(error).message).toBe('ReturnHub cannot be reached. Check your connection and try again.');
  });
});
