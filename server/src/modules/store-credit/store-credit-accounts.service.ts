import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, notFound } from '../../errors/domain-error.js';
import { batchLoader } from '../../shared/batch-loader.js';
import type { Clock } from '../../shared/clock.js';
import { isUuid } from '../../shared/ids.js';
import { findVisibleOrder } from '../access/access.js';
import { type Viewer, isStaff } from '../auth/viewer.js';
import type { Order } from '../orders/order.entity.js';
import { OrderStatus } from '../orders/order.enums.js';
import { actorOf } from '../returns/actor.js';
import { Role } from '../users/user.enums.js';
import { spendStoreCredit } from './store-credit.service.js';
import type { StoreCreditAccount, StoreCreditMovement, StoreCreditMovementKind, StoreCreditSpend } from './store-credit.types.js';

/** How many movements an account shows (newest first). */
export const HISTORY_LIMIT = 50;

/**
 * Orders credit may pay: one awaiting payment (PENDING: the merchant's checkout takes credit instead of a card), or an
 * exchange's replacement order before it is processed (paid by the returned goods; credit pays a difference, e.g. a
 * dearer variant). Not an order already paid by card, so a cancellation's card refund never pays credit back as money.
 */
const payable = (order: Order): boolean =>
  order.status === OrderStatus.PENDING || (order.replacesCaseId !== null && order.status === OrderStatus.CONFIRMED);

interface AccountRow {
  customer_id: string;
  merchant_id: string;
  merchant_name: string;
  currency: string;
  balance_minor: number;
  issued_minor: number;
  bonus_minor: number;
  spent_minor: number;
  updated_at: Date;
}

interface MovementRow {
  id: string;
  customer_id: string;
  merchant_id: string;
  kind: StoreCreditMovementKind;
  amount_minor: number;
  balance_after_minor: number;
  currency: string;
  case_id: string | null;
  case_number: string | null;
  order_id: string | null;
  order_number: string | null;
  actor_label: string;
  created_at: Date;
}

/**
 * Reading store-credit accounts, and spending credit on an order (issue 22 §3). Who sees what: a customer their own
 * accounts (`User.storeCredit`); ops and admins any customer's; a merchant (and its partner tokens) only its own
 * customers' accounts with it. A customer the viewer may not see answers NOT_FOUND, like an unknown id.
 */
export class StoreCreditAccounts {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | null,
    private readonly clock: Clock,
  ) {}

  /** Every account of a customer (batched: a list of users costs two statements). */
  readonly ofCustomer = batchLoader((customerIds: string[]) => this.load(customerIds, null));

  /** `storeCreditAccounts(customerId)` for staff and merchants. */
  async forStaff(customerId: string): Promise<StoreCreditAccount[]> {
    const viewer = this.viewer;
    if (!viewer || !isUuid(customerId)) throw notFound('Customer', customerId);
    const merchantId = viewer.role === Role.MERCHANT ? viewer.merchantId : null;
    if (!isStaff(viewer) && !merchantId) throw notFound('Customer', customerId);
    const [known] = await this.em.execute<Array<{ visible: boolean }>>(
      `select exists (select 1 from users u where u.id = ? and u.role = 'customer'
                        and (?::uuid is null or exists (select 1 from orders o where o.customer_id = u.id and o.merchant_id = ?))) as visible`,
      [customerId, merchantId, merchantId],
    );
    if (!known.visible) throw notFound('Customer', customerId);
    return (await this.load([customerId], merchantId)).get(customerId) ?? [];
  }

  /**
   * Pays part or all of an order with the customer's credit with its merchant (merchants and their partner systems
   * for their own orders — a checkout, a dearer exchange —, ops and admins for any). At most what is left of the
   * order's total after credit already spent on it; only `payable` orders. Repeating the key is a no-op.
   */
  async spendOnOrder(args: { orderId: string; amountMinor: number; idempotencyKey: string }): Promise<StoreCreditSpend> {
    let duplicate = false;
    let account: { customerId: string; merchantId: string } | null = null;
    await this.em.fork().transactional(async (tx) => {
      const order = await findVisibleOrder(tx, this.viewer, args.orderId, { lock: true });
      if (!payable(order)) throw conflict(`Store credit pays pending orders and unprocessed replacement orders only; this one is ${order.status}.`, { rule: 'ORDER_NOT_PAYABLE' });
      const [spent] = await tx.execute<Array<{ minor: number }>>(
        "select coalesce(-sum(amount_minor), 0)::int as minor from store_credit_movements where order_id = ? and kind = 'SPENT' and idempotency_key <> ?",
        [order.id, args.idempotencyKey],
      );
      const left = order.totalMinor - spent.minor;
      if (args.amountMinor > left) {
        throw conflict(`Only ${left} (minor units) of this order is left to pay with store credit.`, { rule: 'CREDIT_EXCEEDS_ORDER', leftMinor: left });
      }
      const customerId = order.customer.id;
      const merchantId = order.merchant.id;
      const result = await spendStoreCredit(tx, {
        customerId,
        merchantId,
        currency: order.currency,
        amountMinor: args.amountMinor,
        orderId: order.id,
        caseId: order.replacesCaseId,
        idempotencyKey: args.idempotencyKey,
        actor: actorOf(this.viewer!),
        at: this.clock.now(),
      });
      duplicate = result.duplicate;
      account = { customerId, merchantId };
    });
    const { customerId, merchantId } = account!;
    const accounts = (await this.load([customerId], merchantId)).get(customerId)!;
    return { duplicate, account: accounts[0] };
  }

  /** Accounts (optionally with one merchant only) and their latest movements: two statements for any number of customers. */
  private async load(customerIds: string[], merchantId: string | null): Promise<Map<string, StoreCreditAccount[]>> {
    const accounts = await this.em.execute<AccountRow[]>(
      `select a.*, m.name as merchant_name from store_credit_accounts a join merchant_profiles m on m.id = a.merchant_id
        where a.customer_id in (?) and (?::uuid is null or a.merchant_id = ?) order by m.name, a.merchant_id`,
      [customerIds, merchantId, merchantId],
    );
    const movements = accounts.length === 0 ? [] : await this.em.execute<MovementRow[]>(
      `select mv.*, rc.number as case_number, o.number as order_number
         from (select s.*, row_number() over (partition by s.customer_id, s.merchant_id order by s.seq desc) as n
                 from store_credit_movements s where s.customer_id in (?) and (?::uuid is null or s.merchant_id = ?)) mv
         left join return_cases rc on rc.id = mv.case_id
         left join orders o on o.id = mv.order_id
        where mv.n <= ? order by mv.seq desc`,
      [customerIds, merchantId, merchantId, HISTORY_LIMIT],
    );
    const byCustomer = new Map<string, StoreCreditAccount[]>(customerIds.map((id) => [id, []]));
    for (const row of accounts) {
      const history = movements.filter((m) => m.customer_id === row.customer_id && m.merchant_id === row.merchant_id).map(toMovement);
      byCustomer.get(row.customer_id)!.push({
        merchantId: row.merchant_id,
        merchantName: row.merchant_name,
        currency: row.currency,
        balanceMinor: row.balance_minor,
        issuedMinor: row.issued_minor,
        bonusMinor: row.bonus_minor,
        spentMinor: row.spent_minor,
        updatedAt: new Date(row.updated_at),
        history,
      });
    }
    return byCustomer;
  }
}

const toMovement = (row: MovementRow): StoreCreditMovement => ({
  id: row.id,
  kind: row.kind,
  amountMinor: row.amount_minor,
  balanceAfterMinor: row.balance_after_minor,
  currency: row.currency,
  caseId: row.case_id,
  caseNumber: row.case_number,
  orderId: row.order_id,
  orderNumber: row.order_number,
  actorLabel: row.actor_label,
  createdAt: new Date(row.created_at),
});
