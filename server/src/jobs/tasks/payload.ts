/** Reads a job payload's string fields; a malformed payload fails the job with a message saying what is missing. */
export function payloadStrings<K extends string>(payload: unknown, ...keys: K[]): Record<K, string> {
  const source = (payload ?? {}) as Record<string, unknown>;
  const out = {} as Record<K, string>;
  for (const key of keys) {
    const value = source[key];
    if (typeof value !== 'string' || value.length === 0) throw new Error(`Job payload lacks "${key}".`);
    out[key] = value;
  }
  return out;
}
