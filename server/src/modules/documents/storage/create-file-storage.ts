import type { StorageConfig } from '../../../config.js';
import type { FileStorage } from './file-storage.js';
import { LocalFileStorage } from './local-file-storage.js';
import { S3FileStorage } from './s3-file-storage.js';

/** The storage adapter the configuration names (STORAGE_DRIVER=local|s3). */
export function createFileStorage(config: StorageConfig): FileStorage {
  return config.driver === 'local' ? new LocalFileStorage(config.localDir) : new S3FileStorage(config);
}
