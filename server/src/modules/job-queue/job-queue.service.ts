import type { EntityManager } from '@mikro-orm/postgresql';
import { pageSize } from '../../shared/connection.js';
import type { FailedJob } from './job-queue.types.js';

/** Reads graphile-worker's queue for admins: jobs that exhausted their attempts. */
export class JobQueueReader {
  constructor(private readonly em: EntityManager) {}

  async failedJobs(first: number | null | undefined): Promise<FailedJob[]> {
    const rows = await this.em.execute<any[]>(
      `select id, task_identifier, key, attempts, max_attempts, last_error, created_at, updated_at
         from graphile_worker.jobs where attempts >= max_attempts and locked_at is null
        order by updated_at desc, id desc limit ?`,
      [pageSize(first)],
    );
    return rows.map((r) => ({
      id: String(r.id),
      task: r.task_identifier,
      key: r.key,
      attempts: r.attempts,
      maxAttempts: r.max_attempts,
      // Errors are our own messages, but trim stack traces and keep them short.
      lastError: typeof r.last_error === 'string' ? r.last_error.split('\n')[0].slice(0, 1000) : null,
      createdAt: new Date(r.created_at),
      failedAt: new Date(r.updated_at),
    }));
  }
}
