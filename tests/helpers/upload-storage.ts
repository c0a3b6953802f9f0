// Helpers of the upload tests that look at what a test server stored: files on its local storage and document rows,
// and a GraphQL multipart upload with its error code and rule.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiClient, GraphQLResponse, TestServer } from './test-server.js';
import { UPLOAD_MUTATION, type UploadFile, multipartForm } from './uploads.js';

/**
 * The uploaded files on disk, tmp/ included (return labels, issued on approval, live beside them under labels/, and
 * the demo data's own photos under documents/demo/: neither are uploads).
 */
export function storedFiles(server: TestServer): string[] {
  const root = join(server.dataDir, 'files');
  const walk = (dir: string): string[] => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return [];
    }
    return entries.flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name).slice(root.length + 1)]));
  };
  return walk(root).filter((path) => !path.startsWith('labels/') && !path.startsWith('documents/demo/')).sort();
}

export async function documentRows(server: TestServer, caseId: string): Promise<Array<{ id: string; storage_key: string; thumbnail_key: string | null; content_type: string; file_name: string }>> {
  return server.orm.em.getConnection().execute(`select id, storage_key, thumbnail_key, content_type, file_name from evidence_documents
    where return_case_id = ? and storage_key not like 'documents/demo/%' order by created_at`, [caseId]);
}

/** What must be on disk for these rows: each file and each thumbnail, nothing else (no tmp/, no partials). */
export const expectedFiles = (rows: Array<{ storage_key: string; thumbnail_key: string | null }>) =>
  rows.flatMap((r) => [r.storage_key, ...(r.thumbnail_key ? [r.thumbnail_key] : [])]).sort();

export async function upload(client: ApiClient, caseId: string, kind: string, files: UploadFile[]): Promise<GraphQLResponse<any>> {
  const res = await client.multipart(multipartForm(UPLOAD_MUTATION, { caseId, kind }, files));
  return (await res.json()) as GraphQLResponse<any>;
}

export const code = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.code;
export const rule = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.rule;
