import type { EntityManager } from '@mikro-orm/postgresql';
import type { CaseFeatureSource } from '../../../../ml/src/index.js';
import { DAY_MS, HOUR_MS } from '../../shared/clock.js';

interface FeatureRow {
  order_total: number;
  refund: number;
  items: string;
  reason: CaseFeatureSource['reason'];
  type: CaseFeatureSource['returnType'];
  created_at: Date;
  delivered_at: Date | null;
  description_length: number;
  priority: CaseFeatureSource['priority'];
  sla_due_at: Date;
  prior_returns: string;
  prior_rejected: string;
  prior_disputed: string;
  merchant_rejected: string;
  merchant_decided: string;
  evidence: string;
  videos: string;
}

/**
 * The model's inputs for one case, read in one query from the case, its order, the customer's earlier cases,
 * the merchant's decisions and the evidence (the feature contract's `source` column names these).
 */
export async function loadFeatureSource(em: EntityManager, caseId: string, now: Date): Promise<CaseFeatureSource | null> {
  const [row] = await em.getConnection().execute<FeatureRow[]>(
    `select o.total_minor as order_total, rc.refund_amount_minor as refund, rc.reason, rc.type, rc.created_at, o.delivered_at,
            length(rc.description) as description_length, rc.priority, rc.sla_due_at,
            (select coalesce(sum(quantity), 0) from return_items where return_case_id = rc.id) as items,
            (select count(*) from return_cases p where p.customer_id = rc.customer_id and p.created_at < rc.created_at) as prior_returns,
            (select count(*) from return_cases p where p.customer_id = rc.customer_id and p.created_at < rc.created_at
                and p.status in ('rejected', 'closed')) as prior_rejected,
            (select count(*) from return_cases p where p.customer_id = rc.customer_id and p.created_at < rc.created_at
                and p.disputed_at is not null) as prior_disputed,
            (select count(*) from return_cases m where m.merchant_id = rc.merchant_id and m.decided_at is not null
                and m.status in ('rejected', 'disputed', 'closed')) as merchant_rejected,
            (select count(*) from return_cases m where m.merchant_id = rc.merchant_id and m.decided_at is not null) as merchant_decided,
            (select count(*) from evidence_documents d where d.return_case_id = rc.id and d.kind = 'evidence') as evidence,
            (select count(*) from evidence_documents d where d.return_case_id = rc.id and d.kind = 'evidence' and d.content_type like 'video/%') as videos
       from return_cases rc join orders o on o.id = rc.order_id
      where rc.id = ?`,
    [caseId],
    'all',
    em.getTransactionContext(),
  );
  if (!row) return null;
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
  };
}
