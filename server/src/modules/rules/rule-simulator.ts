import type { EntityManager } from '@mikro-orm/postgresql';
import { DAY_MS } from '../../shared/clock.js';
import { combineInformational, evaluateRules } from './evaluate-rules.js';
import type { ReturnRule } from './return-rules.model.js';
import { type SimulationCase, readCaseBatch, startOfRange } from './simulation-cases.js';

/** How a case would have gone under a rule set. UNDECIDED: no rule decided, so the merchant decides as usual. */
export type SimulatedDecision = 'APPROVED' | 'REFUSED' | 'REVIEWED' | 'UNDECIDED';

/** The cases and the money under one rule set. Money in minor units of the cases' currency. */
export interface OutcomeCounts {
  approved: number;
  refused: number;
  reviewed: number;
  undecided: number;
  /** Cases in which at least one item would be kept by the customer. */
  kept: number;
  /** Cases offered store credit. */
  credited: number;
  /** Paid back to the original payment: every case not refused and not credited. */
  refundMinor: number;
  /** Store credit issued, bonus included, for the cases offered it; and the bonus alone. */
  creditMinor: number;
  creditBonusMinor: number;
  /** Return labels not needed (every item of the case kept), and their price (the orders' shipping fees). */
  labelsAvoided: number;
  shippingAvoidedMinor: number;
}

export interface SimulationResult {
  cases: number;
  /** The cases' currency (null when there are none). */
  currency: string | null;
  ruleMatches: Array<{ ruleId: string; name: string; cases: number }>;
  before: OutcomeCounts;
  after: OutcomeCounts;
  /** Up to SAMPLE_SIZE cases whose decision differs, oldest first. */
  changedCases: Array<{ caseId: string; number: string; before: SimulatedDecision; after: SimulatedDecision }>;
}

const SAMPLE_SIZE = 20;
/** Cases read per statement: large enough that round trips do not count, small enough to keep memory flat. */
export const SIMULATION_BATCH = 5_000;

/** The longest range a simulation may cover (issue 22 §6). */
export const MAX_SIMULATION_DAYS = 366;
export const simulationDays = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY_MS;

interface CaseVerdict {
  decision: SimulatedDecision;
  kept: boolean;
  /** Every item kept: the case needs no return label. */
  allKept: boolean;
  /** The largest store-credit bonus a matching rule offers; null: none offers store credit. */
  creditBonusPercent: number | null;
  /** What the case pays out under the rule set, before any store credit bonus. */
  payoutMinor: number;
  matched: Set<string>;
}

/** Half up on whole minor units, as the refund calculator rounds. */
const percentOf = (amountMinor: number, percent: number) => Math.floor((amountMinor * percent + 50) / 100);

/**
 * A case's verdict from its items': refused if any item is refused, else reviewed if any is, else approved when every
 * item is approved; otherwise undecided. Its payout is the refund as opened with the restocking fee the rules charge
 * instead of the policy's (per item: a matching rule's percentage, else the policy's fee as charged, pro rata) and,
 * when a label is still needed, the return shipping fee a rule sets (the largest).
 */
function verdictOf(rules: readonly ReturnRule[], rc: SimulationCase): CaseVerdict {
  const verdict: CaseVerdict = { decision: 'UNDECIDED', kept: false, allKept: true, creditBonusPercent: null, payoutMinor: 0, matched: new Set() };
  const itemsMinor = rc.items.reduce((sum, item) => sum + item.valueMinor, 0);
  let feeMinor = 0;
  let shippingFeeMinor = 0;
  const decisions = rc.items.map(({ facts, valueMinor }) => {
    const result = evaluateRules(rules, facts);
    const outcome = combineInformational(result.informational);
    verdict.kept ||= outcome.keepItem;
    verdict.allKept &&= outcome.keepItem;
    if (outcome.storeCreditBonusPercent !== null) verdict.creditBonusPercent = Math.max(verdict.creditBonusPercent ?? 0, outcome.storeCreditBonusPercent);
    feeMinor += outcome.restockingFeePercent !== null
      ? percentOf(valueMinor, outcome.restockingFeePercent)
      : itemsMinor === 0 ? 0 : Math.round((rc.restockingFeeMinor * valueMinor) / itemsMinor);
    shippingFeeMinor = Math.max(shippingFeeMinor, outcome.returnShippingFeeMinor ?? 0);
    for (const rule of result.matchedRules) verdict.matched.add(rule.id);
    return result.decision?.action.type;
  });
  if (decisions.includes('REFUSE')) verdict.decision = 'REFUSED';
  else if (decisions.includes('REVIEW')) verdict.decision = 'REVIEWED';
  else if (decisions.length > 0 && decisions.every((d) => d === 'AUTO_APPROVE')) verdict.decision = 'APPROVED';
  const labelFeeMinor = verdict.allKept ? 0 : shippingFeeMinor;
  verdict.payoutMinor = Math.max(0, rc.refundMinor + rc.restockingFeeMinor - feeMinor - labelFeeMinor);
  return verdict;
}

const noOutcomes = (): OutcomeCounts => ({
  approved: 0, refused: 0, reviewed: 0, undecided: 0, kept: 0, credited: 0,
  refundMinor: 0, creditMinor: 0, creditBonusMinor: 0, labelsAvoided: 0, shippingAvoidedMinor: 0,
});

/**
 * Adds a case to one side's figures. Money moves for every case the rules do not refuse (what the merchant or ops
 * would decide on the others cannot be replayed); a customer offered store credit is counted as taking it.
 */
function count(counts: OutcomeCounts, verdict: CaseVerdict, rc: SimulationCase): void {
  counts[verdict.decision.toLowerCase() as 'approved' | 'refused' | 'reviewed' | 'undecided'] += 1;
  if (verdict.kept) counts.kept += 1;
  if (verdict.creditBonusPercent !== null) counts.credited += 1;
  if (verdict.decision === 'REFUSED') return;
  if (verdict.creditBonusPercent !== null) {
    const bonusMinor = percentOf(verdict.payoutMinor, verdict.creditBonusPercent);
    counts.creditMinor += verdict.payoutMinor + bonusMinor;
    counts.creditBonusMinor += bonusMinor;
  } else {
    counts.refundMinor += verdict.payoutMinor;
  }
  if (verdict.allKept) {
    counts.labelsAvoided += 1;
    counts.shippingAvoidedMinor += rc.shippingFeeMinor;
  }
}

/** A simulation's running totals: cases are added batch by batch, in order. */
export class SimulationTally {
  readonly result: SimulationResult;
  private readonly matchesById: Map<string, { cases: number }>;

  constructor(private readonly current: readonly ReturnRule[], private readonly draft: readonly ReturnRule[]) {
    this.result = { cases: 0, currency: null, ruleMatches: draft.map((r) => ({ ruleId: r.id, name: r.name, cases: 0 })), before: noOutcomes(), after: noOutcomes(), changedCases: [] };
    this.matchesById = new Map(this.result.ruleMatches.map((m) => [m.ruleId, m]));
  }

  add(rc: SimulationCase): void {
    const before = verdictOf(this.current, rc);
    const after = verdictOf(this.draft, rc);
    this.result.cases += 1;
    this.result.currency ??= rc.currency;
    count(this.result.before, before, rc);
    count(this.result.after, after, rc);
    for (const id of after.matched) this.matchesById.get(id)!.cases += 1;
    if (before.decision !== after.decision && this.result.changedCases.length < SAMPLE_SIZE) {
      this.result.changedCases.push({ caseId: rc.id, number: rc.number, before: before.decision, after: after.decision });
    }
  }
}

/**
 * Replays the merchant's cases created in [from, to) under its current rules ("before") and a draft ("after"), with
 * the facts each case had when it was opened. Reads in keyset batches (memory stays flat, each statement is an index
 * range), evaluates in process, and reports the cases done after each batch. Nothing is written.
 */
export async function simulateRules(
  em: EntityManager,
  merchantId: string,
  current: readonly ReturnRule[],
  draft: readonly ReturnRule[],
  from: Date,
  to: Date,
  options: { onProgress?: (casesDone: number) => Promise<void>; batchSize?: number } = {},
): Promise<SimulationResult> {
  const tally = new SimulationTally(current, draft);
  for (let cursor = startOfRange(from); ;) {
    const batch = await readCaseBatch(em, merchantId, from, to, cursor, options.batchSize ?? SIMULATION_BATCH);
    for (const rc of batch.cases) tally.add(rc);
    await options.onProgress?.(tally.result.cases);
    if (!batch.next) return tally.result;
    cursor = batch.next;
  }
}
