import type { Task } from 'graphile-worker';
import { sweepTemporaryUploads } from '../../modules/documents/storage/label-store.js';
import type { WorkerDeps } from '../worker-deps.js';

/** Hourly (cron): uploads abandoned mid-way (a crash, a dropped connection) leave objects under tmp/; a day later they go. */
export const sweepTemporaryUploadsTask = (deps: WorkerDeps): Task => async () => {
  const removed = await sweepTemporaryUploads(deps.storage, deps.clock.now());
  if (removed > 0) deps.logger.info({ removed }, 'abandoned temporary uploads removed');
};
