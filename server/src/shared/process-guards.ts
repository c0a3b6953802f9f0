import { isConnectionLoss } from '../errors/format-error.js';
import type { Logger } from '../logger.js';
import { briefError } from './brief-error.js';

export interface ProcessGuardOptions {
  /** Ends the process after an unrecoverable error (default `process.exit`); the supervisor restarts it. */
  exit?: (code: number) => void;
  target?: NodeJS.Process;
}

/**
 * Process-level handlers, so no stray error takes the API and the worker down with it.
 *
 * - A rejected promise nobody handled (e.g. graphile-worker's cron loop failing while PostgreSQL is away) is
 *   logged and the process keeps serving: the promise's work has already ended, nothing is left half-done in memory,
 *   and the loops that matter are supervised and restart themselves.
 * - An uncaught exception is logged; when it is a lost database connection (a driver `error` event without a
 *   listener) the process keeps serving, as the pools reconnect on their own. Anything else leaves the process in
 *   an unknown state: it exits with 1 so the supervisor (Docker, systemd, the orchestrator) starts a clean one.
 *
 * Returns a function that removes the handlers (for tests).
 */
export function installProcessGuards(logger: Logger, options: ProcessGuardOptions = {}): () => void {
  const target = options.target ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const onRejection = (reason: unknown) => {
    logger.error({ error: briefError(reason), connection: isConnectionLoss(reason) }, 'unhandled promise rejection; still serving');
  };
  const onException = (error: Error) => {
    if (isConnectionLoss(error)) {
      logger.error({ error: briefError(error) }, 'uncaught database connection error; still serving, the pools reconnect');
      return;
    }
    logger.fatal({ err: error }, 'uncaught exception; exiting so the process is restarted clean');
    exit(1);
  };
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
