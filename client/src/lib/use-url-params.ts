import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';

interface Pending {
  /** The URL's params as this render saw them. */
  from: URLSearchParams;
  /** What the last change asked for, which the router has not rendered yet. */
  next: URLSearchParams;
}

/**
 * A page's view kept in the URL's query string, read and changed as a typed value.
 *
 * The router renders a navigation inside a transition, so a second change made before that render lands (clear the
 * filters, then at once pick one) would start from the old URL and quietly undo the first. Each change therefore
 * builds on the last one asked for until the router catches up.
 */
export function useUrlParams<T>(read: (params: URLSearchParams) => T, write: (value: T) => URLSearchParams) {
  const [searchParams, setSearchParams] = useSearchParams();
  const value = useMemo(() => read(searchParams), [read, searchParams]);
  const pending = useRef<Pending | null>(null);
  const change = useCallback(
    (next: (current: T) => T, options: { replace?: boolean } = {}) => {
      const base = pending.current?.from === searchParams ? pending.current.next : searchParams;
      const params = write(next(read(base)));
      pending.current = { from: searchParams, next: params };
      setSearchParams(params, { replace: options.replace });
    },
    [read, write, searchParams, setSearchParams],
  );
  return [value, change] as const;
}
