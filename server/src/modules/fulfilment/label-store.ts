/**
 * Where return labels are kept: on the file-storage port (local disk or S3-compatible) beside the evidence documents
 * (`labelStoreOn` in modules/documents/storage/label-store.ts).
 */
export interface LabelStore {
  /** Stores the label of a case and returns its storage key. */
  saveLabel(caseId: string, pdf: Uint8Array): Promise<string>;
  /** The stored label; throws the storage port's `StorageObjectNotFound` when there is none. */
  readLabel(storageKey: string): Promise<Buffer>;
}
