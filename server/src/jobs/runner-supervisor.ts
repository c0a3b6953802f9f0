import type { Runner, WorkerEvents } from 'graphile-worker';
import type { Logger } from '../logger.js';
import { briefError } from '../shared/brief-error.js';

export interface RunnerSupervisorOptions {
  /** Starts one graphile-worker runner reporting on `events` (the same emitter for every runner). */
  launch(events: WorkerEvents): Promise<Runner>;
  /** Resolves when the database answers; a restart waits for it. */
  probe(): Promise<unknown>;
  events: WorkerEvents;
  logger: Logger;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * Keeps a graphile-worker runner alive through database outages. graphile-worker 0.16 stops its whole runner when
 * the cron loop cannot schedule a tick (PostgreSQL away at a minute boundary: `runner.promise` rejects, and the
 * `.finally()` chains inside `buildRunner` leave an unhandled rejection behind, which the process guard logs), and
 * a job worker whose job cannot be released ends for good ("committing seppuku") without a replacement. Either way
 * the supervisor logs, stops what is left, waits with back-off until the database answers, and starts a new runner.
 */
export class RunnerSupervisor {
  private current: Runner | undefined;
  private stopping = false;
  private restarting: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** How many times a runner was started again (for tests and logs). */
  restarts = 0;

  constructor(private readonly options: RunnerSupervisorOptions) {
    options.events.on('worker:fatalError', ({ error }) => void this.restart('a job worker could not release its job and ended', error));
  }

  get runner(): Runner {
    if (!this.current) throw new Error('the job runner has not started');
    return this.current;
  }

  async start(): Promise<void> {
    this.current = await this.options.launch(this.options.events);
    this.watch(this.current);
  }

  private watch(runner: Runner): void {
    runner.promise.then(
      () => {
        if (this.current === runner) void this.restart('the job runner ended by itself', null);
      },
      (error: unknown) => {
        if (this.current === runner) void this.restart('the job runner stopped with an error', error);
      },
    );
  }

  private restart(reason: string, error: unknown): Promise<void> {
    if (this.stopping) return Promise.resolve();
    this.restarting ??= this.restartLoop(reason, error).finally(() => {
      this.restarting = null;
    });
    return this.restarting;
  }

  private async restartLoop(reason: string, error: unknown): Promise<void> {
    const { logger } = this.options;
    logger.error({ error: error ? briefError(error) : null }, `${reason}; restarting it once the database answers`);
    const old = this.current;
    this.current = undefined;
    // Already stopped when its promise settled ("Runner is already stopped"); a live one is stopped gracefully.
    await old?.stop().catch(() => undefined);
    let delay = this.options.minBackoffMs ?? 1_000;
    while (!this.stopping) {
      await this.sleep(delay);
      if (this.stopping) return;
      try {
        await this.options.probe();
        const runner = await this.options.launch(this.options.events);
        if (this.stopping) {
          await runner.stop().catch(() => undefined);
          return;
        }
        this.current = runner;
        this.restarts++;
        this.watch(runner);
        logger.warn({ restarts: this.restarts }, 'job runner restarted; cron and jobs resume');
        return;
      } catch (attemptError) {
        logger.warn({ error: briefError(attemptError), retryInMs: delay }, 'job runner cannot restart yet');
        delay = Math.min(delay * 2, this.options.maxBackoffMs ?? 30_000);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.restarting;
    const runner = this.current;
    this.current = undefined;
    await runner?.stop();
  }
}
