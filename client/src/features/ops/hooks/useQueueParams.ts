import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { readQueueParams, writeQueueParams, type QueueParams } from './queue-params';

/**
 * The queue's filters live in the URL. Changing a filter goes back to page 1 (the old page may not exist in
 * the narrower list); typing in the search box replaces the history entry instead of adding one per keystroke.
 */
export function useQueueParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const params = useMemo(() => readQueueParams(searchParams), [searchParams]);
  const update = useCallback(
    (patch: Partial<QueueParams>, options: { replace?: boolean } = {}) => {
      const next = { ...readQueueParams(searchParams), page: 1, ...patch };
      setSearchParams(writeQueueParams(next), { replace: options.replace });
    },
    [searchParams, setSearchParams],
  );
  const hrefFor = useCallback((page: number) => `?${writeQueueParams({ ...params, page }).toString()}`, [params]);
  return { params, update, hrefFor };
}
