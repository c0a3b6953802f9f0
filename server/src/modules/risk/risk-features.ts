import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { preparedRows } from '../../db/plain-rows.js';
import type { CaseFeatureSource, ProductCategory } from '../../../../ml/src/index.js';
import { PRODUCT_CATEGORIES } from '../../../../ml/src/index.js';
import type { CaseRow, ReturnItemRow } from '../returns/case-row.js';
import { DAY_MS, HOUR_MS } from '../../shared/clock.js';

interface HistoryRow {
  prior_returns: string;
  prior_rejected: string;
  prior_disputed: string;
  merchant_rejected: string;
  merchant_decided: string;
  evidence: string;
  videos: string;
  category: string | null;
}

interface FeatureRow extends HistoryRow {
  order_total: number;
  refund: number;
  items: string | number;
  reason: CaseFeatureSource['reason'];
  type: CaseFeatureSource['returnType'];
  created_at: Date;
  delivered_at: Date | null;
  description_length: number;
  priority: CaseFeatureSource['priority'];
  sla_due_at: Date;
}

/**
 * What the model reads beyond the case and its order: the customer's earlier cases, the merchant's decisions and
 * the case's evidence, for a case `rc` with columns id, customer_id, merchant_id and created_at.
 */
const HISTORY_COLUMNS = `
  (select count(*) from return_cases p where p.customer_id = rc.customer_id and p.created_at < rc.created_at) as prior_returns,
  (select count(*) from return_cases p where p.customer_id = rc.customer_id and p.created_at < rc.created_at
      and p.status in ('rejected', 'closed')) as prior_rejected,
  (select count(*) from return_cases p where p.customer_id = rc.customer_id and p.created_at < rc.created_at
      and p.disputed_at is not null) as prior_disputed,
  (select count(*) from return_cases m where m.merchant_id = rc.merchant_id and m.decided_at is not null
      and m.status in ('rejected', 'disputed', 'closed')) as merchant_rejected,
  (select count(*) from return_cases m where m.merchant_id = rc.merchant_id and m.decided_at is not null) as merchant_decided,
  (select count(*) from evidence_documents d where d.return_case_id = rc.id and d.kind = 'evidence') as evidence,
  (select count(*) from evidence_documents d where d.return_case_id = rc.id and d.kind = 'evidence' and d.content_type like 'video/%') as videos,
  (select p.category from return_items ri join order_items oi on oi.id = ri.order_item_id join products p on p.id = oi.product_id
      where ri.return_case_id = rc.id order by ri.position limit 1) as category`;

/**
 * The model's inputs for one case, read in one query from the case, its order, the customer's earlier cases,
 * the merchant's decisions and the evidence (the feature contract's `source` column names these).
 */
export async function loadFeatureSource(em: EntityManager, caseId: string, now: Date): Promise<CaseFeatureSource | null> {
  const [row] = await em.getConnection().execute<FeatureRow[]>(
    `select o.total_minor as order_total, rc.refund_amount_minor as refund, rc.reason, rc.type, rc.created_at, o.delivered_at,
            length(rc.description) as description_length, rc.priority, rc.sla_due_at,
            (select coalesce(sum(quantity), 0) from return_items where return_case_id = rc.id) as items, ${HISTORY_COLUMNS}
       from return_cases rc join orders o on o.id = rc.order_id
      where rc.id = ?`,
    [caseId],
    'all',
    em.getTransactionContext(),
  );
  return row ? featureSourceOf(row, now) : null;
}

/**
 * The same inputs for a case being opened in `em`'s transaction (already written), from the new case's row with its
 * order and items: only the history is read, in one statement.
 */
export async function loadNewCaseFeatureSource(em: EntityManager, rc: CaseRow & { items: ReturnItemRow[] }, now: Date, ctx: Knex.Transaction | undefined = em.getTransactionContext()): Promise<CaseFeatureSource> {
  const order = rc.order;
  const [history] = await preparedRows<HistoryRow>(
    em,
    `select ${HISTORY_COLUMNS}
       from (select $1::uuid as id, $2::uuid as customer_id, $3::uuid as merchant_id, $4::timestamptz as created_at) rc`,
    [rc.id, rc.customer.id, rc.merchant.id, rc.createdAt],
    ctx,
  );
  return featureSourceOf({
    ...history,
    order_total: order.totalMinor,
    refund: rc.refundAmountMinor,
    items: rc.items.reduce((sum, item) => sum + item.quantity, 0),
    reason: rc.reason,
    type: rc.type,
    created_at: rc.createdAt,
    delivered_at: order.deliveredAt,
    // PostgreSQL's length() counts characters, not UTF-16 units.
    description_length: [...rc.description].length,
    priority: rc.priority,
    sla_due_at: rc.slaDueAt,
  }, now);
}

/** The history as it stood at `$2` (the case's first scoring), for a case `rc` as in HISTORY_COLUMNS. */
const HISTORY_AT_CREATION = `
  (select count(*) from return_cases p where p.customer_id = rc.customer_id and p.created_at < rc.created_at) as prior_returns,
  (select count(*) from return_cases p where p.customer_id = rc.customer_id and p.created_at < rc.created_at
      and p.decided_at < rc.created_at and p.status in ('rejected', 'closed')) as prior_rejected,
  (select count(*) from return_cases p where p.customer_id = rc.customer_id and p.created_at < rc.created_at
      and p.disputed_at < rc.created_at) as prior_disputed,
  (select count(*) from return_cases m where m.merchant_id = rc.merchant_id and m.decided_at < rc.created_at
      and m.status in ('rejected', 'disputed', 'closed')) as merchant_rejected,
  (select count(*) from return_cases m where m.merchant_id = rc.merchant_id and m.decided_at < rc.created_at) as merchant_decided,
  (select count(*) from evidence_documents d where d.return_case_id = rc.id and d.kind = 'evidence' and d.created_at <= $2) as evidence,
  (select count(*) from evidence_documents d where d.return_case_id = rc.id and d.kind = 'evidence' and d.created_at <= $2
      and d.content_type like 'video/%') as videos,
  (select p.category from return_items ri join order_items oi on oi.id = ri.order_item_id join products p on p.id = oi.product_id
      where ri.return_case_id = rc.id order by ri.position limit 1) as category`;

/**
 * A case's inputs as they were when it was first scored at `at`, for cases written without their inputs (the demo
 * seed writes its scores directly): the history counts only what had happened by then. Priority and deadline are
 * read as stored, so this is right only for a case whose priority and deadline have not changed since — the seed's.
 * Cases opened through the API store their inputs with their first score instead (RiskService.scoreNewCase).
 */
export async function loadFeatureSourceAtCreation(em: EntityManager, caseId: string, at: Date): Promise<CaseFeatureSource | null> {
  const [row] = await preparedRows<FeatureRow>(
    em,
    `select o.total_minor as order_total, rc.refund_amount_minor as refund, rc.reason, rc.type, rc.created_at, o.delivered_at,
            length(rc.description) as description_length, rc.priority, rc.sla_due_at,
            (select coalesce(sum(quantity), 0) from return_items where return_case_id = rc.id) as items, ${HISTORY_AT_CREATION}
       from return_cases rc join orders o on o.id = rc.order_id
      where rc.id = $1`,
    [caseId, at],
    em.getTransactionContext(),
  );
  return row ? featureSourceOf(row, at) : null;
}

function featureSourceOf(row: FeatureRow, now: Date): CaseFeatureSource {
  const decided = Number(row.merchant_decided);
  return {
    orderTotalMinor: Number(row.order_total),
    refundAmountMinor: Number(row.refund),
    itemsReturned: Number(row.items),
    reason: row.reason,
    returnType: row.type,
    daysFromDeliveryToRequest: row.delivered_at ? Math.max(0, (new Date(row.created_at).getTime() - new Date(row.delivered_at).getTime()) / DAY_MS) : 0,
    customerPriorReturns: Number(row.prior_returns),
    customerPriorRejected: Number(row.prior_rejected),
    customerPriorDisputed: Number(row.prior_disputed),
    merchantRejectionRate: decided === 0 ? 0 : Number(row.merchant_rejected) / decided,
    evidenceCount: Number(row.evidence),
    hasVideo: Number(row.videos) > 0,
    descriptionLength: Number(row.description_length),
    priority: row.priority,
    slaHoursLeft: (new Date(row.sla_due_at).getTime() - now.getTime()) / HOUR_MS,
    productCategory: categoryOf(row.category),
  };
}

/** The first returned item's product category as the contract knows it; 'unknown' when missing or not one of them. */
function categoryOf(category: string | null): ProductCategory {
  const known = category?.trim().toLowerCase() as ProductCategory | undefined;
  return known && PRODUCT_CATEGORIES.includes(known) ? known : 'unknown';
}
