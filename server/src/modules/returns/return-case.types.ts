import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CaseStatus, ReturnOutcome, ReturnReason } from './return-case.enums.js';

@ObjectType({ simpleResolvers: true, description: "What a merchant's return rules set on returning one item for one reason: the outcomes on offer, a refusal, the fees and the photos asked for." })
export class ReasonTerms {
  @Field(() => ReturnReason) reason!: ReturnReason;
  @Field(() => [ReturnOutcome], { description: "What the customer may get for this item with this reason, as the item's outcomes; empty when a rule refuses the reason." })
  outcomes!: ReturnOutcome[];
  @Field(() => Int, { nullable: true, description: 'The store-credit bonus in percent, when store credit is on offer for this reason.' })
  storeCreditBonusPercent!: number | null;
  @Field(() => String, { nullable: true, description: "The message of the merchant's return rule refusing this item for this reason (createReturnCase then answers NOT_ELIGIBLE); null otherwise." })
  ruleMessage!: string | null;
  @Field(() => Int, { nullable: true, description: "The rules' restocking fee in percent (0: waived by the shop); null: the policy's." })
  restockingFeePercent!: number | null;
  @Field(() => Int, { nullable: true, description: "The rules' return shipping fee, deducted from the refund (0: waived by the shop); null: none. Not charged when every item of the return is kept (no label)." })
  returnShippingFeeMinor!: number | null;
  @Field(() => Int, { description: "Photos the rules ask for with a return of this item for this reason (0: none)." }) requiredPhotos!: number;
}

@ObjectType({ simpleResolvers: true, description: 'Whether one order item can be returned now, and how many.' })
export class ItemEligibility {
  @Field(() => ID) orderItemId!: string;
  @Field() sku!: string;
  @Field() name!: string;
  @Field(() => Int) orderedQuantity!: number;
  @Field(() => Int, { description: 'Already returned, or claimed by an open return.' }) claimedQuantity!: number;
  @Field(() => Int) returnableQuantity!: number;
  @Field(() => Int) unitPriceMinor!: number;
  @Field() finalSale!: boolean;
  @Field() eligible!: boolean;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => String, { nullable: true, description: "The message of the merchant's return rule refusing this item (then also the reason)." })
  ruleMessage!: string | null;
  @Field(() => Int, { description: "Photos the merchant's rules ask for with a return of this item (0: none)." }) requiredPhotos!: number;
  @Field(() => [ReturnOutcome], { description: 'What the customer may get for this item (empty when it cannot be returned).' }) outcomes!: ReturnOutcome[];
  @Field(() => Int, { nullable: true, description: 'The store-credit bonus in percent, when store credit is on offer.' }) storeCreditBonusPercent!: number | null;
  @Field(() => [ReasonTerms], { description: "What the merchant's rules set per reason the customer may give — outcomes, bonus, a refusal, fees, photos (empty when it cannot be returned); the policy's restocking fee is still waived for DEFECTIVE_DAMAGED and WRONG_ITEM." })
  byReason!: ReasonTerms[];
}

@ObjectType({ simpleResolvers: true, description: 'The return rules answered for one order, without creating anything.' })
export class ReturnEligibility {
  @Field(() => ID) orderId!: string;
  @Field() eligible!: boolean;
  @Field(() => String, { nullable: true, description: 'Why nothing on the order can be returned.' }) reason!: string | null;
  @Field(() => String, { nullable: true, description: 'Stable code of the failed rule, e.g. RETURN_WINDOW_EXPIRED.' }) rule!: string | null;
  @Field(() => Int) windowDays!: number;
  @Field(() => Date, { nullable: true }) windowEndsAt!: Date | null;
  @Field(() => Int, { nullable: true }) daysSinceDelivery!: number | null;
  @Field(() => [ItemEligibility]) items!: ItemEligibility[];
}

@ObjectType({ simpleResolvers: true, description: 'A move the viewer can make on the case now (from the transition table).' })
export class AvailableTransition {
  @Field(() => CaseStatus) to!: CaseStatus;
  @Field({ description: 'What the move is called, e.g. "Approve".' }) action!: string;
  @Field() requiresNote!: boolean;
  @Field({ description: 'The mutation that performs it: transitionReturnCase, or a dedicated one.' }) operation!: string;
  @Field({ description: "Ops or an admin deciding in the merchant's place (the case waits on the merchant): a note is required and the audit event says so." })
  forMerchant!: boolean;
}

export enum FollowUpParty {
  CUSTOMER = 'customer',
  MERCHANT = 'merchant',
}
registerEnumType(FollowUpParty, { name: 'FollowUpParty' });

export enum CaseDecision {
  APPROVE = 'approve',
  REJECT = 'reject',
  REQUEST_INFO = 'request_info',
}
registerEnumType(CaseDecision, { name: 'CaseDecision' });

export enum DisputeOutcome {
  OVERTURN = 'overturn',
  UPHOLD = 'uphold',
}
registerEnumType(DisputeOutcome, { name: 'DisputeOutcome', description: 'OVERTURN approves the return; UPHOLD closes it. Final.' });
