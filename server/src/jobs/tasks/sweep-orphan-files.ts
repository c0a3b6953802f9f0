import type { Task } from 'graphile-worker';
import { sweepOrphanFiles } from '../../modules/documents/storage/orphan-files.js';
import type { WorkerDeps } from '../worker-deps.js';

/** Hourly (cron): stored files that no row references a day after they were written (a crash before the commit). */
export const sweepOrphanFilesTask = (deps: WorkerDeps): Task => async () => {
  const { examined, removed } = await sweepOrphanFiles(deps.storage, deps.orm.em.fork(), deps.clock.now());
  if (removed.length > 0) deps.logger.warn({ examined, removed: removed.length, keys: removed.slice(0, 20) }, 'stored files no row referenced were removed');
};
