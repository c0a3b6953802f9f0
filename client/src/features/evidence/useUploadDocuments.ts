import { useApolloClient } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import type { DocumentKind } from '../../gql/graphql';
import { evictCaseLists } from '../cases/hooks/case-cache';
import type { ChosenFile } from './EvidencePicker';
import { UploadCaseDocumentsDocument } from './documents.graphql';
import { multipartRequest } from './multipart-request';

/**
 * Adds files to a case (one multipart request: all stored or none), with each file's progress. Afterwards the
 * case is read again (its gallery, timeline and version changed) and lists are dropped from the cache.
 */
export function useUploadDocuments(caseId: string) {
  const client = useApolloClient();
  const [progress, setProgress] = useState<number[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const upload = useCallback(
    async (kind: DocumentKind, files: ChosenFile[]): Promise<boolean> => {
      setError(null);
      setProgress(files.map(() => 0));
      try {
        await multipartRequest(
          UploadCaseDocumentsDocument,
          { caseId, kind, files: files.map((f) => f.file) },
          files.map((f, i) => ({ path: `files.${i}`, file: f.file })),
          { onProgress: setProgress },
        );
        evictCaseLists(client.cache);
        await client.refetchQueries({ include: ['CaseDetail'] });
        return true;
      } catch (caught) {
        setError(caught);
        return false;
      } finally {
        setProgress(null);
      }
    },
    [client, caseId],
  );
  return { upload, progress, pending: progress !== null, error, clearError: () => setError(null) };
}
