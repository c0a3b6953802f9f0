import { CombinedGraphQLErrors } from '@apollo/client/errors';

/**
 * The server's per-field messages from a refused mutation: class-validator's `fields: [{ field, problems }]`, or a
 * domain error's `field`. Keyed by input field name; `null` when the error names no field.
 */
export function fieldProblems(error: unknown): Record<string, string> | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const out: Record<string, string> = {};
  for (const e of error.errors) {
    const ext = e.extensions ?? {};
    if (Array.isArray(ext.fields)) {
      for (const f of ext.fields as Array<{ field?: unknown; problems?: unknown }>) {
        if (typeof f.field === 'string' && Array.isArray(f.problems)) out[f.field] = f.problems.join(' ');
      }
    } else if (typeof ext.field === 'string') {
      out[ext.field] = e.message;
    }
  }
  return Object.keys(out).length > 0 ? out : null;
}
