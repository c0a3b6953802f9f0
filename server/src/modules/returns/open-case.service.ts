import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, badInput, conflict, notFound } from '../../errors/domain-error.js';
import type { Clock } from '../../shared/clock.js';
import { isUuid } from '../../shared/ids.js';
import type { Viewer } from '../auth/viewer.js';
import { Order } from '../orders/order.entity.js';
import { OrderItem } from '../orders/order-item.entity.js';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { Role } from '../users/user.enums.js';
import { SYSTEM_ACTOR, type Actor, actorOf } from './actor.js';
import type { CaseWorkflow } from './case-workflow.service.js';
import type { RiskService } from '../risk/risk.service.js';
import { recordCaseChange } from './case-changes.js';
import { assignCaseNumber, provisionalCaseNumber } from './case-number.js';
import type { CreateReturnCaseInput } from './dto/create-return-case.input.js';
import { type OrderEligibility, evaluateEligibility } from './eligibility.js';
import { computeRefund } from './refund-calculator.js';
import { CasePriority, CaseStatus, RiskLabel } from './return-case.enums.js';
import type { RiskScore } from '../risk/risk-score.entity.js';
import { ReturnCase } from './return-case.entity.js';
import { ReturnItem } from './return-item.entity.js';
import { merchantResponseDueAt, resolutionDueAt } from './sla.js';

type AddToNewCase = (tx: EntityManager, rc: ReturnCase, actor: Actor, now: Date) => Promise<void>;

/** Opening a return (SPEC §4): the eligibility rules, the refund due, the clocks, and the audit record. */
export class OpenCaseService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | null,
    private readonly clock: Clock,
    private readonly risk: RiskService,
    private readonly workflow: CaseWorkflow,
  ) {}

  /** The order, if the viewer may return its items: its customer, or an admin acting for them. Loaded with its merchant and items (one statement), which the rules need. */
  private async orderForViewer(em: EntityManager, orderId: string): Promise<Order> {
    const viewer = this.viewer;
    const order = isUuid(orderId) ? await em.findOne(Order, { id: orderId }, { populate: ['merchant', 'items'] }) : null;
    const mayUse = viewer && order && (viewer.role === Role.ADMIN || (viewer.role === Role.CUSTOMER && order.customer.id === viewer.userId));
    if (!order || !mayUse) throw notFound('Order', orderId);
    return order;
  }

  async eligibility(orderId: string): Promise<OrderEligibility> {
    const order = await this.orderForViewer(this.em, orderId);
    return evaluateEligibility(this.em, order, this.clock.now());
  }

  /**
   * Opens the case and scores it in one transaction (scoring behind a savepoint: its failure never fails the case),
   * then, when the merchant's policy allows, approves it at once (SPEC §5: under the auto-approve limit and low risk).
   */
  async open(input: CreateReturnCaseInput, withCase?: AddToNewCase): Promise<ReturnCase> {
    const { rc, merchant, score } = await this.insert(input, withCase);
    await this.autoApprove(rc, merchant, score?.label ?? null);
    return rc;
  }

  /**
   * After the commit, in its own transaction: approval issues the return label (a carrier call and a PDF), which
   * must neither hold the case-number lock that serialises creators nor undo the case when the carrier fails.
   */
  private async autoApprove(rc: ReturnCase, merchant: MerchantProfile, riskLabel: RiskLabel | null): Promise<void> {
    if (!qualifiesForAutoApproval(rc.refundAmountMinor, merchant.autoApproveLimitMinor, riskLabel)) return;
    await this.workflow.change(rc.id, null, (tx, current, actor, now) =>
      this.workflow.applyTransition(tx, current, CaseStatus.APPROVED, actor, now, {
        note: 'Approved automatically: under the merchant\'s auto-approve limit and low escalation risk.',
        payload: { automatic: true, riskLabel, limitMinor: merchant.autoApproveLimitMinor },
      }),
      SYSTEM_ACTOR,
    );
  }

  /** `withCase` adds to the new case in the same transaction (e.g. its evidence files); its failure undoes the case. */
  private async insert(input: CreateReturnCaseInput, withCase?: AddToNewCase): Promise<{ rc: ReturnCase; merchant: MerchantProfile; score: RiskScore | null }> {
    const actor = actorOf(this.viewer!);
    try {
      return await this.em.transactional(async (tx) => {
        const now = this.clock.now();
        const order = await this.orderForViewer(tx, input.orderId);
        const eligibility = await evaluateEligibility(tx, order, now);
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

        const merchant = order.merchant;
        const unreturnedUnits = eligibility.items.reduce((sum, i) => sum + (i.finalSale ? 0 : i.orderedQuantity - i.claimedQuantity), 0);
        const refund = computeRefund({
          lines: lines.map((l) => ({ quantity: l.quantity, unitPriceMinor: l.item.unitPriceMinor })),
          reason: input.reason,
          restockingFeePercent: merchant.restockingFeePercent,
          refundShipping: merchant.refundShipping,
          returnsRestOfOrder: lines.reduce((sum, l) => sum + l.quantity, 0) === unreturnedUnits,
          shippingFeeMinor: order.shippingFeeMinor,
          orderTotalMinor: order.totalMinor,
          alreadyRefundedMinor: eligibility.alreadyRefundedMinor,
        });

        const priority = CasePriority.MEDIUM;
        const id = randomUUID();
        const rc = tx.create(ReturnCase, {
          id,
          // The real number is taken last, just before the commit (assignCaseNumber).
          number: provisionalCaseNumber(id),
          order,
          customer: order.customer,
          merchant,
          type: input.type,
          reason: input.reason,
          description: input.description.trim(),
          status: CaseStatus.SUBMITTED,
          priority,
          slaClockStartedAt: now,
          slaDueAt: resolutionDueAt(now, priority),
          merchantResponseDueAt: merchantResponseDueAt(now, merchant.responseSlaHours),
          refundAmountMinor: refund.refundMinor,
          restockingFeeMinor: refund.restockingFeeMinor,
          currency: order.currency,
          createdAt: now,
          updatedAt: now,
        });
        lines.forEach(({ item, quantity }, position) => {
          rc.items.add(tx.create(ReturnItem, { returnCase: rc, orderItem: tx.getReference(OrderItem, item.orderItemId), quantity, position }));
        });
        recordCaseChange(tx, rc, {
          type: 'case_created',
          actor,
          to: CaseStatus.SUBMITTED,
          at: now,
          payload: {
            reason: input.reason,
            type: input.type,
            items: lines.map((l) => ({ sku: l.item.sku, quantity: l.quantity })),
            refund: { items: refund.itemsMinor, restockingFee: refund.restockingFeeMinor, shipping: refund.shippingMinor, total: refund.refundMinor, capped: refund.capped },
          },
        });
        if (withCase) await withCase(tx, rc, actor, now);
        await tx.flush();

        // After case_created (and the evidence), never at the same instant: the timeline is ordered by time.
        const scoredAt = new Date(Math.max(this.clock.now().getTime(), now.getTime() + 1));
        const score = await this.risk.scoreNewCase(tx, rc, order, scoredAt);
        const risk = score ? { risk_label: score.label, risk_score: score.score } : {};
        const number = await assignCaseNumber(tx, rc.id, now, risk);
        // The row already holds these: the entity learns them as persisted state (no version bump, no update).
        tx.merge(ReturnCase, { id: rc.id, number, ...(score ? { riskLabel: score.label, riskScore: score.score } : {}) }, { refresh: true });
        return { rc, merchant, score };
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

/** SPEC §5/§6: a positive limit, a refund under it, and a low risk label. */
export function qualifiesForAutoApproval(refundMinor: number, limitMinor: number, riskLabel: RiskLabel | null): boolean {
  return limitMinor > 0 && refundMinor < limitMinor && riskLabel === RiskLabel.LOW;
}
