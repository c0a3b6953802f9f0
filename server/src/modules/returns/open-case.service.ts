import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import { insertCtes, newRow } from '../../db/insert-rows.js';
import { splitByAlias, toRow } from '../../db/plain-rows.js';
import { DomainError, ErrorCode, badInput, conflict, notFound } from '../../errors/domain-error.js';
import type { Clock } from '../../shared/clock.js';
import { isUuid } from '../../shared/ids.js';
import type { Viewer } from '../auth/viewer.js';
import type { DocumentService } from '../documents/document.service.js';
import type { RiskService } from '../risk/risk.service.js';
import { mayActForCustomer } from '../access/access.js';
import { type CaseFacts, type CaseRuleOutcome, applyRules, itemFacts, startedDaysSince } from '../rules/apply-rules.js';
import type { ReturnFacts } from '../rules/return-rules.model.js';
import { type ActiveRuleSet, activeRuleSet } from '../rules/rule-set-cache.js';
import { SYSTEM_ACTOR, type Actor, actorOf } from './actor.js';
import type { CaseWorkflow } from './case-workflow.service.js';
import type { ReturnCaseReader } from './return-case.service.js';
import { type CaseChange, caseChangeInserts, caseChangeRows } from './case-changes.js';
import { assignCaseNumber, provisionalCaseNumber } from './case-number.js';
import type { CaseRow, ReturnItemRow } from './case-row.js';
import type { CreateReturnCaseInput } from './dto/create-return-case.input.js';
import { type OrderEligibility, type OrderFacts, evaluateEligibility, readOrderFacts } from './eligibility.js';
import { answerRules } from './eligibility-rules.js';
import { caseTerms, chosenOutcome, requireOffered, termColumns } from './case-outcome.js';
import { computeRefund } from './refund-calculator.js';
import { CasePriority, CaseStatus, RiskLabel } from './return-case.enums.js';
import { ReturnCase } from './return-case.entity.js';
import { ReturnItem } from './return-item.entity.js';
import { merchantResponseDueAt, resolutionDueAt } from './sla.js';

/** A new case as written: its row with its order, customer, merchant and items (what `createReturnCase` answers with). */
type NewCase = CaseRow & { items: ReturnItemRow[] };

/** The written case, its score (null when scoring failed) and what the merchant's rules decided. */
interface OpenedCase {
  rc: NewCase;
  score: { label: RiskLabel } | null;
  rules: CaseRuleOutcome;
}

/** Adds to a new case in its transaction, through the unit of work (flushed before scoring); `rc` is managed. */
type AddToNewCase = (tx: EntityManager, rc: ReturnCase, actor: Actor, now: Date) => Promise<void>;

/** Opening a return (SPEC §4): the eligibility rules, the refund due, the clocks, and the audit record. */
export class OpenCaseService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | null,
    private readonly clock: Clock,
    private readonly risk: RiskService,
    private readonly workflow: CaseWorkflow,
    private readonly documents: DocumentService,
    private readonly cases: ReturnCaseReader,
  ) {}

  /** The order's facts (one statement), if the viewer may return its items: its customer, or an admin acting for them. */
  private async orderForViewer(em: EntityManager, orderId: string, at: Date): Promise<OrderFacts> {
    const facts = isUuid(orderId) ? await readOrderFacts(em, orderId, at) : null;
    if (!facts || !mayActForCustomer(this.viewer, facts.customer.id)) throw notFound('Order', orderId);
    return facts;
  }

  /** The order's eligibility with what the merchant's rules say of each item (two statements: facts, rule set). */
  async eligibility(orderId: string): Promise<OrderEligibility> {
    const now = this.clock.now();
    const facts = await this.orderForViewer(this.em, orderId, now);
    return answerRules(evaluateEligibility(facts, now), facts, await activeRuleSet(this.em, facts.merchant), now);
  }

  /**
   * Opens the case with its evidence files (if any) and scores it in one transaction (scoring behind a savepoint:
   * its failure never fails the case), then, when the merchant's policy allows, approves it at once (SPEC §5: under
   * the auto-approve limit and low risk). The files stream to temporary keys before the transaction; the case and
   * its files commit together, or neither does. Answers with the new case's row as written, or, when it was approved
   * at once, with the approved case read again after that commit (one more statement).
   */
  async open(input: CreateReturnCaseInput, evidence: Array<Promise<FileUpload>> = []): Promise<CaseRow> {
    const files = evidence.length > 0 ? await this.documents.receiveNewCaseEvidence(evidence) : [];
    const withEvidence: AddToNewCase | undefined = files.length > 0
      ? (tx, created, by, now) => this.documents.attachNewCaseEvidence(tx, created, by, now, files)
      : undefined;
    // Photos are what the rules count (as the simulator does): image files among the evidence.
    const photos = files.filter((f) => f.contentType.startsWith('image/')).length;
    let opened: OpenedCase;
    try {
      opened = await this.insert(input, photos, withEvidence);
    } catch (error) {
      await this.documents.discardNewCaseEvidence(files);
      throw error;
    }
    if (files.length > 0) this.documents.newCaseEvidenceCommitted(opened.rc.id);
    const approved = await this.autoApprove(opened.rc, opened.score?.label ?? null, opened.rules);
    return approved ? this.cases.get(opened.rc.id) : opened.rc;
  }

  /**
   * After the commit, in its own transaction: approval issues the return label (a carrier call and a PDF), which
   * must neither hold the case-number lock that serialises creators nor undo the case when the carrier fails.
   * True when it approved the case.
   */
  private async autoApprove(rc: NewCase, riskLabel: RiskLabel | null, rules: CaseRuleOutcome): Promise<boolean> {
    const limitMinor = rc.merchant.autoApproveLimitMinor;
    const rule = rules.autoApprove;
    if (!rule) return false;
    // The default rule set's rule is the policy's limit (SPEC §5); a merchant's own rule is named.
    const note = rule.ruleId === 'default-auto-approve'
      ? 'Approved automatically: under the merchant\'s auto-approve limit and low escalation risk.'
      : `Approved automatically by the merchant's return rule "${rule.ruleName}".`;
    await this.workflow.change(rc.id, null, (tx, current, actor, now) =>
      this.workflow.applyTransition(tx, current, CaseStatus.APPROVED, actor, now, {
        note,
        payload: { automatic: true, riskLabel, limitMinor, rule: rule.ruleId },
      }),
      SYSTEM_ACTOR,
    );
    return true;
  }

  /**
   * In one transaction: the order's facts (one statement), the rules, the case with its items, audit event and
   * outbox messages (one statement), `withCase`'s additions, the score, and last the case number. `withCase` adds to
   * the new case in the same transaction (e.g. its evidence files); its failure undoes the case.
   */
  private async insert(input: CreateReturnCaseInput, photos: number, withCase?: AddToNewCase): Promise<OpenedCase> {
    const actor = actorOf(this.viewer!);
    const { outcome, type } = chosenOutcome(input);
    try {
      return await this.em.transactional(async (tx) => {
        const now = this.clock.now();
        const facts = await this.orderForViewer(tx, input.orderId, now);
        const eligibility = evaluateEligibility(facts, now);
        if (eligibility.orderReason) {
          throw new DomainError(ErrorCode.NOT_ELIGIBLE, eligibility.orderReason.message, { rule: eligibility.orderReason.rule });
        }
        const seen = new Set<string>();
        const lines = input.items.map((requested) => {
          if (seen.has(requested.orderItemId)) throw badInput('Each item can be listed once.', { orderItemId: requested.orderItemId });
          seen.add(requested.orderItemId);
          const item = eligibility.items.find((i) => i.orderItemId === requested.orderItemId);
          if (!item) throw badInput('This item is not part of the order.', { orderItemId: requested.orderItemId });
          if (item.reason) throw new DomainError(ErrorCode.NOT_ELIGIBLE, `${item.name}: ${item.reason}`, { rule: 'ITEM_NOT_RETURNABLE', orderItemId: item.orderItemId });
          if (requested.quantity > item.returnableQuantity) {
            throw new DomainError(ErrorCode.NOT_ELIGIBLE, `${item.name}: at most ${item.returnableQuantity} can be returned (ordered ${item.orderedQuantity}, already returned or in a return ${item.claimedQuantity}).`, { rule: 'QUANTITY_EXCEEDS_RETURNABLE', orderItemId: item.orderItemId });
          }
          return { item, quantity: requested.quantity };
        });

        const { order, merchant } = facts;
        const unreturnedUnits = eligibility.items.reduce((sum, i) => sum + (i.finalSale ? 0 : i.orderedQuantity - i.claimedQuantity), 0);
        // The refund with the policy's fee (what the rules see as the return's value), then with the rules' fees.
        const refundWith = (fees: { restockingFeePercent: number | null; returnShippingFeeMinor: number }) => computeRefund({
          lines: lines.map((l) => ({ quantity: l.quantity, unitPriceMinor: l.item.unitPriceMinor })),
          reason: input.reason,
          restockingFeePercent: fees.restockingFeePercent ?? merchant.restockingFeePercent,
          returnShippingFeeMinor: fees.returnShippingFeeMinor,
          refundShipping: merchant.refundShipping,
          returnsRestOfOrder: lines.reduce((sum, l) => sum + l.quantity, 0) === unreturnedUnits,
          shippingFeeMinor: order.shippingFeeMinor,
          orderTotalMinor: order.totalMinor,
          alreadyRefundedMinor: eligibility.alreadyRefundedMinor,
        });
        const policyRefund = refundWith({ restockingFeePercent: null, returnShippingFeeMinor: 0 });

        // The merchant's rules (one statement) over what is known before the case is scored: a refusal or missing
        // photos end here, with nothing written.
        const ruleSet = await activeRuleSet(tx, merchant);
        const known: CaseFacts = {
          reason: input.reason,
          orderValueMinor: order.totalMinor,
          returnValueMinor: policyRefund.refundMinor,
          daysSinceDelivery: startedDaysSince(order.deliveredAt!, now),
          returnsLast90Days: facts.returnsLast90Days,
          returnsLast365Days: facts.returnsLast365Days,
          riskLabel: null,
          riskScore: null,
          evidencePhotos: photos,
        };
        const lineFacts = (risk: Pick<CaseFacts, 'riskLabel' | 'riskScore'>) => lines.map((l) => itemFacts(l.item, { ...known, ...risk }));
        const atOpening = enforceRules(ruleSet, lineFacts({ riskLabel: null, riskScore: null }), photos);
        const openingTerms = caseTerms(atOpening, outcome);
        const refund = refundWith(openingTerms);

        const priority = CasePriority.MEDIUM;
        const id = randomUUID();
        const newCase = newRow(tx, ReturnCase, {
          id,
          // The real number is taken last, just before the commit (assignCaseNumber).
          number: provisionalCaseNumber(id),
          order: order.id,
          customer: facts.customer.id,
          merchant: merchant.id,
          type,
          outcome,
          ...openingTerms,
          reason: input.reason,
          description: input.description.trim(),
          status: CaseStatus.SUBMITTED,
          priority,
          slaClockStartedAt: now,
          slaDueAt: resolutionDueAt(now, priority),
          merchantResponseDueAt: merchantResponseDueAt(now, merchant.responseSlaHours),
          refundAmountMinor: refund.refundMinor,
          restockingFeeMinor: refund.restockingFeeMinor,
          returnShippingFeeMinor: refund.returnShippingFeeMinor,
          currency: order.currency,
          createdAt: now,
          updatedAt: now,
        });
        const items = lines.map((l, position) => newRow(tx, ReturnItem, { returnCase: id, orderItem: l.item.orderItemId, position, quantity: l.quantity }));
        const rc = await writeNewCase(tx, facts, newCase, items, {
          type: 'case_created',
          actor,
          to: CaseStatus.SUBMITTED,
          at: now,
          payload: {
            reason: input.reason,
            type,
            outcome,
            ...(openingTerms.keepItem ? { keepItem: true, keepItemRule: openingTerms.keepItemRule } : {}),
            items: lines.map((l) => ({ sku: l.item.sku, quantity: l.quantity })),
            refund: {
              items: refund.itemsMinor, restockingFee: refund.restockingFeeMinor, returnShippingFee: refund.returnShippingFeeMinor,
              shipping: refund.shippingMinor, total: refund.refundMinor, capped: refund.capped,
            },
            rules: { version: ruleSet.version, matched: atOpening.matched },
          },
        });
        if (withCase) {
          // The written row becomes a managed entity (as persisted state: nothing to update) for the unit of work.
          const { items: _items, ...columns } = rc;
          const managedCase = tx.merge(ReturnCase, { ...columns, order: order.id, customer: rc.customer.id, merchant: merchant.id, assignee: null, exchangeOrder: null }, { refresh: true });
          await withCase(tx, managedCase, actor, now);
          await tx.flush();
        }

        // After case_created (and the evidence), never at the same instant: the timeline is ordered by time.
        const scoredAt = new Date(Math.max(this.clock.now().getTime(), now.getTime() + 1));
        const score = await this.risk.scoreNewCase(tx, rc, scoredAt);
        if (score) {
          rc.riskLabel = score.label;
          rc.riskScore = score.score;
        }
        // Again with the score: rules on risk decide now (a refusal still undoes the case).
        const rules = score ? enforceRules(ruleSet, lineFacts({ riskLabel: score.label, riskScore: score.score }), photos) : atOpening;
        // The outcome is re-checked against the final verdict (nothing is written on a refusal); the terms and the
        // refund follow the final verdict too, set with the case number (no extra statement).
        requireOffered(rules, outcome);
        const terms = caseTerms(rules, outcome);
        const finalRefund = refundWith(terms);
        Object.assign(rc, terms, { refundAmountMinor: finalRefund.refundMinor, restockingFeeMinor: finalRefund.restockingFeeMinor, returnShippingFeeMinor: finalRefund.returnShippingFeeMinor });
        const columns: Record<string, unknown> = { matched_rules: JSON.stringify(rules.matched), ...termColumns(terms, finalRefund) };
        if (score) Object.assign(columns, { risk_label: score.label, risk_score: score.score });
        if (rules.review) {
          rc.priority = rules.review.priority;
          rc.slaDueAt = resolutionDueAt(now, rules.review.priority);
          Object.assign(columns, { priority: rc.priority, sla_due_at: rc.slaDueAt });
        }
        rc.matchedRules = rules.matched;
        rc.number = await assignCaseNumber(tx, rc.id, now, columns);
        return { rc, score, rules };
      });
    } catch (error) {
      // Two requests raced past the pre-check: the partial unique index decides, and one gets this.
      if (error instanceof UniqueConstraintViolationException && String(error.message).includes('return_items_one_active_case_per_order_item')) {
        throw conflict('These items already have an open return.');
      }
      throw error;
    }
  }
}

/**
 * Writes a new case, its items, and its change's audit event and outbox messages in one statement (data-modifying
 * CTEs derived from entity metadata, db/insert-rows.ts; the foreign keys are checked at its end) and reads back what
 * was written, as plain rows joined to the order's facts.
 */
async function writeNewCase(tx: EntityManager, facts: OrderFacts, rc: ReturnCase, items: ReturnItem[], change: CaseChange): Promise<NewCase> {
  const { ctes, params } = insertCtes(tx, [
    { name: 'new_case', entity: ReturnCase, rows: [rc] },
    { name: 'new_items', entity: ReturnItem, rows: items },
    ...caseChangeInserts(caseChangeRows(tx, rc.id, change)),
  ]);
  let written: Record<string, unknown>;
  try {
    [written] = await tx.getConnection().execute<Record<string, unknown>[]>(
      `with ${ctes}
       select new_case.*, (select json_agg(to_jsonb(i) order by i.position) from new_items i) as "f__items" from new_case`,
      params,
      'all',
      tx.getTransactionContext(),
    );
  } catch (error) {
    throw tx.getDriver().convertException(error as Error);
  }
  const parts = splitByAlias(written, ['f']);
  const row = toRow<NewCase>(tx, ReturnCase, parts[''])!;
  const lines = new Map(facts.items.map((line) => [line.id, line]));
  row.order = facts.order;
  row.customer = facts.customer;
  row.merchant = facts.merchant;
  row.assignee = null;
  row.items = (parts.f.items as Record<string, unknown>[]).map((item) => {
    const itemRow = toRow<ReturnItemRow>(tx, ReturnItem, item)!;
    itemRow.orderItem = lines.get((itemRow.orderItem as unknown as { id: string }).id)!;
    return itemRow;
  });
  return row;
}

/** The rules' verdict on a case about to be opened: a refusal and missing photos throw (nothing is written). */
function enforceRules(ruleSet: ActiveRuleSet, items: ReturnFacts[], photos: number): CaseRuleOutcome {
  const outcome = applyRules(ruleSet, items);
  if (outcome.refusal) throw new DomainError(ErrorCode.NOT_ELIGIBLE, outcome.refusal.message, { rule: 'RETURN_RULE', ruleId: outcome.refusal.ruleId });
  if (photos < outcome.requiredPhotos) {
    throw badInput(`This return needs at least ${outcome.requiredPhotos} photo${outcome.requiredPhotos === 1 ? '' : 's'} of the items (${photos} sent).`, {
      field: 'evidence', requiredPhotos: outcome.requiredPhotos, ruleId: outcome.photosRuleId,
    });
  }
  return outcome;
}

/** SPEC §5/§6: a positive limit, a refund under it, and a low risk label (what the default rule set's auto-approve rule says). */
export function qualifiesForAutoApproval(refundMinor: number, limitMinor: number, riskLabel: RiskLabel | null): boolean {
  return limitMinor > 0 && refundMinor < limitMinor && riskLabel === RiskLabel.LOW;
}
