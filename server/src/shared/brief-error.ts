/** PostgreSQL is shutting down (e.g. the embedded server stopping with the process): expected, not an error. */
const ADMIN_SHUTDOWN = '57P01';

/** An error for a log line: message and code, never the pg client object some driver errors carry. */
export function briefError(error: unknown): { message: string; code?: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return { message: error instanceof Error ? error.message : String(error), ...(code ? { code: String(code) } : {}) };
}

export const isShutdownError = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === ADMIN_SHUTDOWN;
