import type pg from 'pg';

/**
 * graphile-worker 0.16 only frees the jobs of a worker that died (SIGKILL, OOM, lost machine) after 4 hours. Every
 * task here is bounded far below `lockTimeoutMs` (a webhook call times out after 10 s) and safe to run twice, so a
 * lock older than that belongs to a dead worker: free it (and its queue's lock) so the job runs again now.
 * Returns how many jobs were released.
 */
export async function releaseStaleJobLocks(pool: pg.Pool, lockTimeoutMs: number): Promise<number> {
  const { rows } = await pool.query<{ released: string }>(
    `with jobs as (
       update graphile_worker._private_jobs
          set locked_at = null, locked_by = null, run_at = greatest(run_at, now())
        where locked_at < now() - make_interval(secs => $1::double precision / 1000)
        returning 1
     ), queues as (
       update graphile_worker._private_job_queues
          set locked_at = null, locked_by = null
        where locked_at < now() - make_interval(secs => $1::double precision / 1000)
        returning 1
     )
     select (select count(*) from jobs) as released, (select count(*) from queues) as queues`,
    [lockTimeoutMs],
  );
  return Number(rows[0]?.released ?? 0);
}
