import type { MikroORM } from '@mikro-orm/postgresql';
import { type LoadedScorer, fallbackScorer, scorerFromArtifact } from '../../../../ml/src/index.js';
import type { Logger } from '../../logger.js';
import { briefError } from '../../shared/brief-error.js';
import { PgListener } from '../../shared/pg-listener.js';
import { MODEL_ACTIVATED_CHANNEL, findActiveArtifact } from './model-registry.repository.js';

export interface RiskModelOptions {
  orm: MikroORM;
  /** For the dedicated LISTEN connection. */
  databaseUrl: string;
  logger: Logger;
  /** Wait before retrying a LISTEN connection that could not be made at start. */
  retryMs?: number;
}

/**
 * The active escalation-risk model of this process (one per process, shared by its API and worker), loaded from
 * the database's registry. Every process LISTENs for activations and reloads on each one, and again whenever its
 * LISTEN connection comes back (an activation announced meanwhile was missed). When no artifact can be loaded,
 * the ml package's heuristic scores and says so in the model version; scoring never fails a request.
 */
export class RiskModel {
  private loaded: LoadedScorer = fallbackScorer('the model registry has not been read yet');
  private reloading: Promise<void> = Promise.resolve();
  private readonly listener: PgListener;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readOnce = false;

  private constructor(private readonly options: RiskModelOptions) {
    this.listener = new PgListener({
      url: options.databaseUrl,
      channel: MODEL_ACTIVATED_CHANNEL,
      logger: options.logger,
      onNotification: () => void this.reload(),
      onReconnect: () => void this.reload(),
    });
  }

  /** Listens for activations, then loads the active model (in that order: no activation falls in between). */
  static async open(options: RiskModelOptions): Promise<RiskModel> {
    const model = new RiskModel(options);
    await model.listen();
    await model.reload();
    return model;
  }

  private async listen(): Promise<void> {
    try {
      await this.listener.start();
    } catch (error) {
      // Scoring goes on with what is loaded; the listener is tried again, and reloads once it is in place.
      this.options.logger.warn({ error: briefError(error) }, 'model activations: LISTEN failed; retrying');
      if (this.closed) return;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        void this.listen().then(() => this.reload());
      }, this.options.retryMs ?? 5_000);
      this.retryTimer.unref();
    }
  }

  get scorer(): LoadedScorer {
    return this.loaded;
  }

  /** The version scoring in this process (the heuristic fallback says why). */
  get scoringWith(): string {
    return this.loaded.modelVersion;
  }

  /** Reads the active model from the database again. Reloads run one at a time, so the last one read wins. */
  reload(): Promise<void> {
    this.reloading = this.reloading.then(() => this.loadActive());
    return this.reloading;
  }

  private async loadActive(): Promise<void> {
    let next: LoadedScorer;
    try {
      const active = await findActiveArtifact(this.options.orm.em.fork());
      next = active ? scorerFromArtifact(active.artifact, active.version) : fallbackScorer('no active model in the registry');
    } catch (error) {
      // The database is away: keep scoring with the loaded model; the LISTEN reconnection reloads later. Before
      // anything was ever read, try again on a timer too (the listener may never have lost its connection).
      this.options.logger.warn({ error: briefError(error) }, 'model registry unreadable; keeping the loaded model');
      if (!this.readOnce && !this.closed) setTimeout(() => void this.reload(), this.options.retryMs ?? 5_000).unref();
      return;
    }
    this.readOnce = true;
    if (next.modelVersion !== this.loaded.modelVersion) {
      const log = next.fallbackReason ? this.options.logger.warn.bind(this.options.logger) : this.options.logger.info.bind(this.options.logger);
      log({ from: this.loaded.modelVersion, to: next.modelVersion }, 'risk model loaded');
    }
    this.loaded = next;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.listener.close();
    await this.reloading;
  }
}
