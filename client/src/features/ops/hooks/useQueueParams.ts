import { useCallback } from 'react';
import { useUrlParams } from '../../../lib/use-url-params';
import { readQueueParams, writeQueueParams, type QueueParams } from './queue-params';

/**
 * The queue's filters live in the URL. Changing a filter goes back to page 1 (the old page may not exist in
 * the narrower list); typing in the search box replaces the history entry instead of adding one per keystroke.
 */
export function useQueueParams() {
  const [params, change] = useUrlParams(readQueueParams, writeQueueParams);
  const update = useCallback(
    (patch: Partial<QueueParams>, options: { replace?: boolean } = {}) => change((current) => ({ ...current, page: 1, ...patch }), options),
    [change],
  );
  const hrefFor = useCallback((page: number) => `?${writeQueueParams({ ...params, page }).toString()}`, [params]);
  return { params, update, hrefFor };
}
