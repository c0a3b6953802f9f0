/** `--name value` / `--flag` arguments over defaults, typed by the defaults; unknown names are an error. */
export function parseArgs<T extends Record<string, string | number | boolean>>(argv: string[], defaults: T): T {
  const out: Record<string, string | number | boolean> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(argv[i]);
    const key = match?.[1].replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
    if (!match || !key || !(key in defaults)) throw new Error(`Unknown argument ${argv[i]}. Known: ${Object.keys(defaults).map((k) => `--${k}`).join(', ')}`);
    const fallback = defaults[key];
    if (typeof fallback === 'boolean') {
      out[key] = match[2] === undefined ? true : match[2] !== 'false';
      continue;
    }
    const raw = match[2] ?? argv[++i];
    if (raw === undefined) throw new Error(`--${match[1]} needs a value`);
    if (typeof fallback === 'number') {
      const value = Number(raw.replace(/_/g, ''));
      if (!Number.isFinite(value)) throw new Error(`--${match[1]} must be a number (got ${raw})`);
      out[key] = value;
    } else out[key] = raw;
  }
  return out as T;
}
