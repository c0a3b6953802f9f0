import type { ReturnReason } from '../gql/graphql';
import { reasonLabel } from './Badge';

/**
 * "Order ORD-100048 · Changed mind": how a list names what a case is about. Lists carry no per-case item lists:
 * the API prices a list inside a page of cases at 20 × the page size, and the items are one click away.
 */
export const caseLine = (rc: { order: { number: string }; reason: ReturnReason }): string => `Order ${rc.order.number} · ${reasonLabel(rc.reason)}`;
