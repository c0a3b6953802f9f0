import type { Row } from '../../db/plain-rows.js';
import type { Order } from '../orders/order.entity.js';
import type { RiskScore } from '../risk/risk-score.entity.js';
import type { MerchantProfile } from '../users/merchant-profile.entity.js';
import type { User } from '../users/user.entity.js';
import type { ReturnCase } from './return-case.entity.js';

/** Plain rows of a case and what the queue reads with it (db/plain-rows.ts). */
export type UserRow = Row<User>;
export type MerchantRow = Row<MerchantProfile, 'user'>;
export type OrderRow = Row<Order, 'customer' | 'merchant'>;
export type RiskScoreRow = Row<RiskScore, 'returnCase'>;
export type CaseRow = Omit<Row<ReturnCase, 'exchangeOrder'>, 'order' | 'customer' | 'merchant' | 'assignee'> & {
  order: OrderRow;
  customer: UserRow;
  merchant: MerchantRow;
  assignee: UserRow | null;
};

/** What a `ReturnCase` field resolver gets: a managed case (a case page, a mutation's answer) or a queue row. */
export type CaseRoot = ReturnCase | CaseRow;
