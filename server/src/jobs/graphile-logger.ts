import { Logger as GraphileLogger } from 'graphile-worker';
import type { Logger } from '../logger.js';
import { briefError, isShutdownError } from '../shared/brief-error.js';

/** graphile-worker's log lines into the app's structured log. Its per-job "info" chatter goes to debug. */
export function graphileLogger(logger: Logger): GraphileLogger {
  return new GraphileLogger((scope) => {
    const scoped = logger.child({ component: 'worker', ...(scope.taskIdentifier ? { task: scope.taskIdentifier } : {}), ...(scope.jobId ? { jobId: scope.jobId } : {}) });
    return (level, message, meta) => {
      const { error, ...rest } = (meta ?? {}) as { error?: unknown };
      const fields = error === undefined ? rest : { ...rest, error: briefError(error) };
      if (level === 'error' && !isShutdownError(error)) scoped.error(fields, message);
      else if (level === 'error' || level === 'warning') scoped.warn(fields, message);
      else scoped.debug(fields, message);
    };
  });
}

/** For schema installs that should print nothing (errors still throw). */
export const silentGraphileLogger = new GraphileLogger(() => () => undefined);
