import { useApolloClient } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import { graphql } from '../../../gql';
import type { AuditExportFormat } from '../../../gql/graphql';
import { downloadTextFile } from '../../../lib/download';

const CaseAuditExportDocument = graphql(`
  query CaseAuditExport($caseId: ID!, $format: AuditExportFormat!) {
    caseAuditExport(caseId: $caseId, format: $format) {
      fileName
      contentType
      content
    }
  }
`);

/** Fetches the case's audit trail as JSON or CSV and saves it as a file (never cached: it is a snapshot). */
export function useAuditExport(caseId: string) {
  const client = useApolloClient();
  const [pending, setPending] = useState<AuditExportFormat | null>(null);
  const [error, setError] = useState<unknown>(null);
  const download = useCallback(
    async (format: AuditExportFormat) => {
      setPending(format);
      setError(null);
      try {
        const { data } = await client.query({ query: CaseAuditExportDocument, variables: { caseId, format }, fetchPolicy: 'no-cache' });
        if (data) downloadTextFile(data.caseAuditExport.fileName, data.caseAuditExport.contentType, data.caseAuditExport.content);
      } catch (caught) {
        setError(caught);
      } finally {
        setPending(null);
      }
    },
    [client, caseId],
  );
  return { download, pending, error };
}
