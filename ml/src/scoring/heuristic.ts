import type { CaseFeatureSource, LabelThresholds, ReasonCode, RiskResult, RiskScorer } from '../types.js';
import { DEFAULT_LABEL_THRESHOLDS, labelFor } from '../types.js';

// The placeholder scorer used before a model exists and whenever the model cannot be loaded.
// Hand-written points, no files read, nothing that can throw. Its codes and texts are the
// contract's (a test keeps them in step), and its snapshot uses the contract's feature names.

export const HEURISTIC_VERSION = 'heuristic-placeholder';

interface Rule {
  feature: string;
  code: string;
  text: string;
  points: (src: CaseFeatureSource) => number;
}

const num = (v: number): number => (Number.isFinite(v) ? v : 0);

export const HEURISTIC_RULES: readonly Rule[] = [
  {
    feature: 'sla_breached',
    code: 'SLA_BREACHED',
    text: 'The resolution deadline has passed',
    points: (s) => (num(s.slaHoursLeft) < 0 ? 0.25 : 0),
  },
  {
    feature: 'priority_urgent',
    code: 'PRIORITY_URGENT',
    text: 'The case is urgent',
    points: (s) => (s.priority === 'urgent' ? 0.15 : 0),
  },
  {
    feature: 'priority_high',
    code: 'PRIORITY_HIGH',
    text: 'The case has high priority',
    points: (s) => (s.priority === 'high' ? 0.08 : 0),
  },
  {
    feature: 'customer_prior_disputes_log',
    code: 'CUSTOMER_PRIOR_DISPUTES',
    text: 'The customer has disputed earlier decisions',
    points: (s) => 0.1 * Math.min(2, Math.max(0, num(s.customerPriorDisputed))),
  },
  {
    feature: 'no_evidence',
    code: 'NO_EVIDENCE',
    text: 'No evidence is attached',
    points: (s) => (num(s.evidenceCount) < 1 ? 0.1 : 0),
  },
  {
    feature: 'order_value_log',
    code: 'HIGH_ORDER_VALUE',
    text: 'The order value is high',
    points: (s) => (num(s.orderTotalMinor) >= 20_000 ? 0.1 : 0),
  },
];

const BASE_POINTS = 0.1;

function snapshot(src: CaseFeatureSource): Record<string, number> {
  return {
    sla_breached: num(src.slaHoursLeft) < 0 ? 1 : 0,
    priority_high: src.priority === 'high' ? 1 : 0,
    priority_urgent: src.priority === 'urgent' ? 1 : 0,
    customer_prior_disputes_log: Math.log1p(Math.max(0, num(src.customerPriorDisputed))),
    no_evidence: num(src.evidenceCount) < 1 ? 1 : 0,
    order_value_log: Math.log1p(Math.max(0, num(src.orderTotalMinor)) / 100),
  };
}

/** Heuristic probability of escalation, 0.02..0.98. */
export function heuristicScore(src: CaseFeatureSource): number {
  let score = BASE_POINTS;
  for (const rule of HEURISTIC_RULES) score += rule.points(src);
  return Math.min(0.98, Math.max(0.02, score));
}

export function createHeuristicScorer(
  modelVersion: string = HEURISTIC_VERSION,
  thresholds: LabelThresholds = DEFAULT_LABEL_THRESHOLDS,
): RiskScorer {
  const score = (src: CaseFeatureSource): RiskResult => {
    const fired: ReasonCode[] = [];
    let total = BASE_POINTS;
    for (const rule of HEURISTIC_RULES) {
      const points = rule.points(src);
      total += points;
      if (points > 0) fired.push({ code: rule.code, text: rule.text, contribution: points });
    }
    fired.sort((a, b) => b.contribution - a.contribution); // stable: ties keep rule order
    const value = Math.min(0.98, Math.max(0.02, total));
    return {
      score: value,
      label: labelFor(value, thresholds),
      reasonCodes: fired.slice(0, 3),
      modelVersion,
      features: snapshot(src),
    };
  };
  return {
    modelVersion,
    isFallback: modelVersion !== HEURISTIC_VERSION,
    score,
    scoreBatch: (srcs) => srcs.map(score),
  };
}
