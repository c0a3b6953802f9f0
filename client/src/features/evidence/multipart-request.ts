import type { TypedDocumentNode } from '@apollo/client';
import { print } from 'graphql';
import { GRAPHQL_PATH } from '../../app/apollo';
import { describeApiError, NETWORK_MESSAGE } from '../../lib/errors';

/** A refused or failed upload: the server's coded message, or a plain network one. */
export class UploadRequestError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'UploadRequestError';
  }
}

/** What to tell the user about a failed upload or any other failed request. */
export function describeProblem(error: unknown): { code?: string; message: string } {
  if (error instanceof UploadRequestError) return { code: error.code, message: error.message };
  return describeApiError(error);
}

export interface UploadPart {
  /** Where the file goes in the variables, e.g. `files.0` or `evidence.2`. */
  path: string;
  file: File;
}

/** Progress of each file of the request, 0–1, in the order of `parts`. */
export type ProgressListener = (perFile: number[]) => void;

/**
 * One GraphQL multipart request (the spec graphql-upload implements) with upload progress, which fetch cannot
 * report. The operation is a generated typed document, so its variables and answer are typed like any other.
 * Files are sent in order, so the bytes sent so far tell how far each file is.
 */
export function multipartRequest<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  parts: UploadPart[],
  { onProgress, signal }: { onProgress?: ProgressListener; signal?: AbortSignal } = {},
): Promise<TData> {
  const form = new FormData();
  // Files travel as parts of their own; in the operation they are nulls the map points at.
  const operations = JSON.stringify({ query: print(document), variables }, (_key, value: unknown) => (value instanceof Blob ? null : value));
  form.append('operations', operations);
  form.append('map', JSON.stringify(Object.fromEntries(parts.map((part, i) => [String(i), [`variables.${part.path}`]]))));
  parts.forEach((part, i) => form.append(String(i), part.file, part.file.name));

  const sizes = parts.map((p) => p.file.size);
  const total = sizes.reduce((a, b) => a + b, 0);

  return new Promise<TData>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', GRAPHQL_PATH);
    xhr.withCredentials = true;
    // The server's CSRF guard refuses multipart requests without it.
    xhr.setRequestHeader('apollo-require-preflight', 'true');
    xhr.upload.onprogress = (event) => {
      if (!onProgress || !event.lengthComputable) return;
      // The multipart envelope is small next to the files: spread what was sent over the files in order.
      let sent = (event.loaded / event.total) * total;
      onProgress(
        sizes.map((size) => {
          const done = size === 0 ? 1 : Math.min(1, Math.max(0, sent / size));
          sent -= size;
          return done;
        }),
      );
    };
    xhr.onload = () => {
      const body = parseBody<TData>(xhr.responseText);
      const first = body?.errors?.[0];
      if (first) {
        reject(new UploadRequestError(first.message, typeof first.extensions?.code === 'string' ? first.extensions.code : undefined, xhr.status));
      } else if (xhr.status >= 200 && xhr.status < 300 && body?.data) {
        onProgress?.(sizes.map(() => 1));
        resolve(body.data);
      } else if (xhr.status === 413) {
        reject(new UploadRequestError('These files are too large to send together. Send fewer or smaller files.', 'PAYLOAD_TOO_LARGE', 413));
      } else {
        reject(new UploadRequestError(xhr.status >= 500 ? 'ReturnHub is having trouble right now. Try again in a moment.' : `The upload was refused (HTTP ${xhr.status}).`, undefined, xhr.status));
      }
    };
    xhr.onerror = () => reject(new UploadRequestError(NETWORK_MESSAGE));
    xhr.onabort = () => reject(new UploadRequestError('The upload was cancelled.', 'ABORTED'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

interface GraphQLBody<TData> {
  data?: TData | null;
  errors?: Array<{ message: string; extensions?: { code?: unknown } }>;
}

function parseBody<TData>(text: string): GraphQLBody<TData> | null {
  try {
    return JSON.parse(text) as GraphQLBody<TData>;
  } catch {
    return null;
  }
}
