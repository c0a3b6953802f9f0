import type { EntityManager } from '@mikro-orm/postgresql';
import { preparedRows } from '../../db/plain-rows.js';
import { DAY_MS } from '../../shared/clock.js';
import type { ReturnReason, RiskLabel } from '../returns/return-case.enums.js';
import { combineInformational, evaluateRules } from './evaluate-rules.js';
import type { ReturnFacts, ReturnRule } from './return-rules.model.js';

/** How a case would have gone under a rule set. UNDECIDED: no rule decided, so the merchant decides as usual. */
export type SimulatedDecision = 'APPROVED' | 'REFUSED' | 'REVIEWED' | 'UNDECIDED';

export interface OutcomeCounts {
  approved: number;
  refused: number;
  reviewed: number;
  undecided: number;
  /** Cases in which at least one item would be kept by the customer. */
  kept: number;
  /** Cases offered store credit. */
  credited: number;
}

export interface SimulationResult {
  cases: number;
  ruleMatches: Array<{ ruleId: string; name: string; cases: number }>;
  before: OutcomeCounts;
  after: OutcomeCounts;
  /** Up to SAMPLE_SIZE cases whose decision differs, oldest first. */
  changedCases: Array<{ caseId: string; number: string; before: SimulatedDecision; after: SimulatedDecision }>;
}

const SAMPLE_SIZE = 20;

interface ItemRow {
  id: string;
  number: string;
  reason: ReturnReason;
  refund_amount_minor: number;
  total_minor: number;
  days_since_delivery: number | null;
  sku: string;
  unit_price_minor: number;
  score: number | null;
  label: RiskLabel | null;
  returns_90: string;
  returns_365: string;
  photos: string;
}

/**
 * The merchant's cases created in [from, to), item by item, with the facts as they were when each was opened: the
 * first risk score, the customer's earlier cases, the photos uploaded by then (with the case, before its first score).
 */
const ITEMS_SQL = `
select rc.id, rc.number, rc.reason, rc.refund_amount_minor, o.total_minor,
       ceil(extract(epoch from rc.created_at - o.delivered_at) / 86400)::int as days_since_delivery,
       oi.sku, oi.unit_price_minor, rs.score, rs.label,
       (select count(*) from return_cases p where p.customer_id = rc.customer_id and p.created_at < rc.created_at
           and p.created_at >= rc.created_at - interval '90 days') as returns_90,
       (select count(*) from return_cases p where p.customer_id = rc.customer_id and p.created_at < rc.created_at
           and p.created_at >= rc.created_at - interval '365 days') as returns_365,
       (select count(*) from evidence_documents d where d.return_case_id = rc.id and d.kind = 'evidence'
           and d.content_type like 'image/%' and d.created_at <= coalesce(rs.created_at, rc.created_at)) as photos
  from return_cases rc
  join orders o on o.id = rc.order_id
  join return_items ri on ri.return_case_id = rc.id
  join order_items oi on oi.id = ri.order_item_id
  left join lateral (select s.score, s.label, s.created_at from risk_scores s where s.return_case_id = rc.id
                      order by s.created_at limit 1) rs on true
 where rc.merchant_id = $1 and rc.created_at >= $2 and rc.created_at < $3
 order by rc.created_at, rc.id, ri.position`;

const factsOf = (row: ItemRow): ReturnFacts => ({
  reason: row.reason,
  category: null, // products carry no category yet
  sku: row.sku,
  itemPriceMinor: row.unit_price_minor,
  orderValueMinor: row.total_minor,
  returnValueMinor: row.refund_amount_minor,
  daysSinceDelivery: Math.max(0, row.days_since_delivery ?? 0),
  returnsLast90Days: Number(row.returns_90),
  returnsLast365Days: Number(row.returns_365),
  riskLabel: row.label,
  riskScore: row.score,
  evidencePhotos: Number(row.photos),
});

interface CaseVerdict {
  decision: SimulatedDecision;
  kept: boolean;
  credited: boolean;
  matched: Set<string>;
}

/**
 * A case's verdict from its items': refused if any item is refused, else reviewed if any is, else approved when every
 * item is approved; otherwise undecided.
 */
function verdictOf(rules: readonly ReturnRule[], items: ReturnFacts[]): CaseVerdict {
  const verdict: CaseVerdict = { decision: 'UNDECIDED', kept: false, credited: false, matched: new Set() };
  const decisions = items.map((facts) => {
    const result = evaluateRules(rules, facts);
    const outcome = combineInformational(result.informational);
    verdict.kept ||= outcome.keepItem;
    verdict.credited ||= outcome.storeCreditBonusPercent !== null;
    for (const rule of result.matchedRules) verdict.matched.add(rule.id);
    return result.decision?.action.type;
  });
  if (decisions.includes('REFUSE')) verdict.decision = 'REFUSED';
  else if (decisions.includes('REVIEW')) verdict.decision = 'REVIEWED';
  else if (decisions.length > 0 && decisions.every((d) => d === 'AUTO_APPROVE')) verdict.decision = 'APPROVED';
  return verdict;
}

const noOutcomes = (): OutcomeCounts => ({ approved: 0, refused: 0, reviewed: 0, undecided: 0, kept: 0, credited: 0 });

function count(counts: OutcomeCounts, verdict: CaseVerdict): void {
  counts[verdict.decision.toLowerCase() as 'approved' | 'refused' | 'reviewed' | 'undecided'] += 1;
  if (verdict.kept) counts.kept += 1;
  if (verdict.credited) counts.credited += 1;
}

/**
 * Replays the merchant's cases created in [from, to) under its current rules ("before") and a draft ("after"), with
 * the facts each case had when it was opened. Pure evaluation over one read; nothing is written.
 */
export async function simulateRules(em: EntityManager, merchantId: string, current: readonly ReturnRule[], draft: readonly ReturnRule[], from: Date, to: Date): Promise<SimulationResult> {
  const rows = await preparedRows<ItemRow>(em, ITEMS_SQL, [merchantId, from, to]);
  const result: SimulationResult = { cases: 0, ruleMatches: draft.map((r) => ({ ruleId: r.id, name: r.name, cases: 0 })), before: noOutcomes(), after: noOutcomes(), changedCases: [] };
  const matchesById = new Map(result.ruleMatches.map((m) => [m.ruleId, m]));
  for (let start = 0; start < rows.length;) {
    let end = start;
    while (end < rows.length && rows[end].id === rows[start].id) end += 1;
    const items = rows.slice(start, end).map(factsOf);
    const before = verdictOf(current, items);
    const after = verdictOf(draft, items);
    result.cases += 1;
    count(result.before, before);
    count(result.after, after);
    for (const id of after.matched) matchesById.get(id)!.cases += 1;
    if (before.decision !== after.decision && result.changedCases.length < SAMPLE_SIZE) {
      result.changedCases.push({ caseId: rows[start].id, number: rows[start].number, before: before.decision, after: after.decision });
    }
    start = end;
  }
  return result;
}

/** The longest range a simulation may cover (issue 22 §6). */
export const MAX_SIMULATION_DAYS = 366;
export const simulationDays = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY_MS;
