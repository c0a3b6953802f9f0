import type { CasePriority, LabeledCase, ProductCategory, ReturnReason, ReturnType } from '../types.js';
import { Prng, sigmoid } from './prng.js';

// Synthetic closed return cases. The label comes from a noisy latent process: a logit built from
// the observable inputs, their interactions and a hidden customer trait, plus noise, then a
// Bernoulli draw. The model sees only the observable inputs and no interaction terms, so it can
// approximate the process but never read it back exactly.
//
// Version 2 (GENERATOR_VERSION) adds the product category and the threshold-shaped effects of real operations:
// a return filed within 2 days of delivery, a customer with 3 or more earlier returns, a long message (600+
// characters), a damage claim without any photo, and high value (over 300.00) × electronics. Version 1's rows
// (contract 1.0.0) are not reproduced by this build: their CSV had no category column.

export interface GeneratorOptions {
  rows: number;
  seed: number;
  onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_GENERATOR_OPTIONS = { rows: 20_000, seed: 42 } as const;
/** Recorded with generated data (sidecar, registry provenance): which label process made it. */
export const GENERATOR_VERSION = 2;

const MERCHANT_COUNT = 250;
// Resolution hours by priority (SPEC §5).
const RESOLUTION_HOURS: Record<CasePriority, number> = { low: 240, medium: 120, high: 72, urgent: 24 };
const REASON_EFFECT: Record<ReturnReason, number> = {
  defective_damaged: 0.25,
  wrong_item: -0.35,
  not_as_described: 0.55,
  changed_mind: 0.1,
  other: 0,
};
const PRIORITY_EFFECT: Record<CasePriority, number> = { low: -0.15, medium: 0, high: 0.35, urgent: 0.75 };

interface Merchant {
  rejectionRate: number;
}

function drawMerchants(rng: Prng): Merchant[] {
  const merchants: Merchant[] = [];
  for (let i = 0; i < MERCHANT_COUNT; i += 1) {
    // Mostly lenient merchants with a tail of strict ones (mean ≈ 0.2).
    const rate = sigmoid(-1.5 + 0.8 * rng.normal());
    merchants.push({ rejectionRate: Math.round(rate * 10_000) / 10_000 });
  }
  return merchants;
}

function drawReason(rng: Prng): ReturnReason {
  return rng.weighted<ReturnReason>([
    ['defective_damaged', 0.27],
    ['wrong_item', 0.13],
    ['not_as_described', 0.22],
    ['changed_mind', 0.3],
    ['other', 0.08],
  ]);
}

function drawCategory(rng: Prng): ProductCategory {
  return rng.weighted<ProductCategory>([
    ['electronics', 0.22],
    ['apparel', 0.3],
    ['home', 0.2],
    ['beauty', 0.1],
    ['sports', 0.1],
    ['other', 0.08],
  ]);
}

/** Log-odds of the threshold-shaped effects (version 2): what a linear model on the raw numbers cannot draw. */
function thresholdEffects(c: Omit<LabeledCase, 'escalated'>): number {
  const electronics = c.productCategory === 'electronics';
  return (
    (c.daysFromDeliveryToRequest <= 2 ? 0.7 : 0) + // filed at once: the customer was upset on arrival
    (c.customerPriorReturns >= 3 ? 0.8 : 0) + // a serial returner fights the decision
    (c.descriptionLength >= 600 ? 0.75 : 0) + // a long, angry message
    (c.reason === 'defective_damaged' && c.evidenceCount === 0 ? 0.9 : 0) + // damage claimed without a photo
    (electronics && c.orderTotalMinor > 30_000 ? 1.1 : 0) + // expensive electronics (interaction)
    (electronics && c.reason === 'not_as_described' ? 0.4 : 0) // electronics "not as described" (interaction)
  );
}

function drawPriority(rng: Prng, reason: ReturnReason, orderTotalMinor: number): CasePriority {
  const bigOrder = orderTotalMinor > 30_000 ? 1 : 0;
  const serious = reason === 'defective_damaged' || reason === 'not_as_described' ? 1 : 0;
  return rng.weighted<CasePriority>([
    ['low', 0.32 - 0.1 * bigOrder],
    ['medium', 0.48],
    ['high', 0.14 + 0.06 * serious + 0.05 * bigOrder],
    ['urgent', 0.06 + 0.03 * serious + 0.03 * bigOrder],
  ]);
}

/** One closed case; the rng draws happen in a fixed order so the output depends only on the seed. */
function drawCase(rng: Prng, merchants: Merchant[]): { row: LabeledCase; probability: number } {
  const hostility = rng.normal(); // hidden: the customer's tendency to fight a decision
  const merchant = merchants[rng.int(merchants.length)];
  const reason = drawReason(rng);
  const productCategory = drawCategory(rng);
  const returnType: ReturnType = rng.bernoulli(reason === 'wrong_item' || reason === 'defective_damaged' ? 0.35 : 0.12)
    ? 'exchange'
    : 'refund';

  const typicalOrder = productCategory === 'electronics' ? 14_000 : 6_500;
  const orderTotalMinor = Math.max(500, Math.round(Math.exp(Math.log(typicalOrder) + 0.85 * rng.normal())));
  const itemsReturned = 1 + Math.min(9, rng.poisson(0.45));
  const share = itemsReturned > 1 || rng.bernoulli(0.5) ? 1 : 0.25 + 0.75 * rng.next();
  const refundAmountMinor = returnType === 'exchange' ? 0 : Math.round(orderTotalMinor * share * (0.85 + 0.15 * rng.next()));

  const lateness = reason === 'changed_mind' ? 1.3 : 0.9;
  const daysFromDeliveryToRequest = Math.min(60, Math.floor(-Math.log(1 - rng.next()) * 7 * lateness));

  const customerPriorReturns = rng.poisson(Math.exp(0.2 + 0.35 * hostility));
  const customerPriorRejected = rng.binomial(customerPriorReturns, sigmoid(-1.6 + 0.9 * hostility));
  const customerPriorDisputed = rng.binomial(customerPriorRejected, sigmoid(-0.9 + 0.9 * hostility));

  const evidenceMean = { defective_damaged: 2.2, wrong_item: 1.4, not_as_described: 1.6, changed_mind: 0.25, other: 0.6 }[reason];
  const evidenceCount = Math.min(6, rng.poisson(evidenceMean));
  const hasVideo = evidenceCount > 0 && rng.bernoulli(reason === 'changed_mind' ? 0.04 : 0.18);
  const descriptionLength = rng.bernoulli(0.06)
    ? 0
    : Math.min(2_000, Math.round(Math.exp(Math.log(reason === 'changed_mind' ? 60 : 140) + 0.7 * rng.normal() + 0.2 * hostility)));

  const priority = drawPriority(rng, reason, orderTotalMinor);
  const resolution = RESOLUTION_HOURS[priority];
  const elapsedShare = -Math.log(1 - rng.next()) * 0.45;
  const slaHoursLeft = Math.round((resolution - resolution * elapsedShare) * 10) / 10 + 0; // + 0 turns -0 into 0

  const refundShare = orderTotalMinor > 0 ? refundAmountMinor / orderTotalMinor : 0;
  const valueLog = Math.log(orderTotalMinor / 8_000);
  const strictness = merchant.rejectionRate - 0.2;
  const noEvidence = evidenceCount === 0 ? 1 : 0;
  const seriousReason = reason === 'defective_damaged' || reason === 'not_as_described';
  const observed = {
    orderTotalMinor,
    refundAmountMinor,
    itemsReturned,
    reason,
    returnType,
    daysFromDeliveryToRequest,
    customerPriorReturns,
    customerPriorRejected,
    customerPriorDisputed,
    merchantRejectionRate: merchant.rejectionRate,
    evidenceCount,
    hasVideo,
    descriptionLength,
    priority,
    slaHoursLeft,
    productCategory,
  };
  const logit =
    -2.45 +
    thresholdEffects(observed) +
    0.3 * valueLog +
    0.9 * (refundShare - 0.6) +
    REASON_EFFECT[reason] +
    (returnType === 'exchange' ? -0.3 : 0) +
    3.2 * strictness +
    1.6 * strictness * valueLog + // strict merchants fight hardest over expensive orders
    0.45 * hostility +
    0.5 * Math.log1p(customerPriorDisputed) +
    0.5 * (customerPriorReturns > 0 ? customerPriorRejected / customerPriorReturns : 0) +
    noEvidence * (seriousReason ? 0.9 : 0.3) + // a damage claim without proof gets rejected, then disputed
    -0.12 * evidenceCount +
    (hasVideo ? -0.45 : 0) +
    0.03 * Math.max(0, daysFromDeliveryToRequest - 14) * (reason === 'changed_mind' ? 2 : 1) +
    0.35 * Math.log1p(descriptionLength / 200) +
    PRIORITY_EFFECT[priority] +
    (slaHoursLeft < 0 ? 1.1 : slaHoursLeft < 12 ? 0.4 : 0) +
    0.5 * rng.normal();
  const probability = sigmoid(logit);
  const escalated = rng.next() < probability;
  return { row: { ...observed, escalated }, probability };
}

/** Deterministic synthetic training rows: the same options always give the same rows. */
export function generateCases(options: GeneratorOptions): LabeledCase[] {
  return generateCasesWithTruth(options).rows;
}

/**
 * The rows and, for each, the generator's own probability of escalation (hidden trait and noise included): the
 * ceiling no model of the observable inputs can beat, for comparison on held-out rows.
 */
export function generateCasesWithTruth(options: GeneratorOptions): { rows: LabeledCase[]; probabilities: number[] } {
  if (!Number.isInteger(options.rows) || options.rows < 1) throw new RangeError('rows must be a positive integer');
  if (!Number.isInteger(options.seed)) throw new RangeError('seed must be an integer');
  const rng = new Prng(options.seed);
  const merchants = drawMerchants(rng);
  const rows: LabeledCase[] = [];
  const probabilities: number[] = [];
  const every = Math.max(1, Math.floor(options.rows / 10));
  for (let i = 0; i < options.rows; i += 1) {
    const drawn = drawCase(rng, merchants);
    rows.push(drawn.row);
    probabilities.push(drawn.probability);
    if (options.onProgress && ((i + 1) % every === 0 || i + 1 === options.rows)) options.onProgress(i + 1, options.rows);
  }
  return { rows, probabilities };
}
