import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CasePriority } from '../returns/return-case.enums.js';

// The rule set's GraphQL shape: the same plain data as return-rules.model.ts. Field names and action types are
// strings, not enums, so a wrong one is refused by the rule set's validation naming the rule and the field.

const FIELD_HELP = 'reason, category, sku, riskLabel (with anyOf); itemPriceMinor, orderValueMinor, returnValueMinor, daysSinceDelivery, returnsLast90Days, returnsLast365Days, riskScore, evidencePhotos (with min and/or max).';
const ACTION_HELP = 'Deciding: AUTO_APPROVE, REVIEW (priority), REFUSE (message). Combining: REQUIRE_PHOTOS (photos), KEEP_ITEM, OFFER_STORE_CREDIT (bonusPercent), RESTOCKING_FEE (percent), RETURN_SHIPPING_FEE (amountMinor).';

// A condition and an action read the same going in and coming out: one class each, both an input and an output type.
@ObjectType('ReturnRuleCondition', { simpleResolvers: true, description: 'One condition of a rule: the fact named by field is one of anyOf, or lies within min..max (inclusive).' })
@InputType('RuleConditionInput', { description: 'One condition of a rule: the fact named by field is one of anyOf, or lies within min..max (inclusive).' })
export class RuleCondition {
  @Field(() => String, { description: FIELD_HELP })
  field!: string;

  @Field(() => Float, { nullable: true })
  min?: number | null;

  @Field(() => Float, { nullable: true })
  max?: number | null;

  @Field(() => [String], { nullable: true })
  anyOf?: string[] | null;
}

@ObjectType('ReturnRuleAction', { simpleResolvers: true, description: 'One action of a rule, with the one parameter its type takes.' })
@InputType('RuleActionInput', { description: 'One action of a rule, with the one parameter its type takes.' })
export class RuleAction {
  @Field(() => String, { description: ACTION_HELP })
  type!: string;

  @Field(() => CasePriority, { nullable: true })
  priority?: CasePriority | null;

  @Field(() => String, { nullable: true, description: 'REFUSE: what the customer is told.' })
  message?: string | null;

  @Field(() => Int, { nullable: true })
  photos?: number | null;

  @Field(() => Int, { nullable: true })
  bonusPercent?: number | null;

  @Field(() => Int, { nullable: true })
  percent?: number | null;

  @Field(() => Int, { nullable: true })
  amountMinor?: number | null;
}

@InputType({ description: 'A rule: when all its conditions hold (none: always), its actions apply.' })
export class ReturnRuleInput {
  @Field(() => String, { nullable: true, description: 'Kept across saves so cases can name the rule they met; given one when left out.' })
  id?: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => [RuleCondition])
  conditions!: RuleCondition[];

  @Field(() => [RuleAction])
  actions!: RuleAction[];
}

@ObjectType('ReturnRule', { simpleResolvers: true })
export class ReturnRuleView {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [RuleCondition])
  conditions!: RuleCondition[];

  @Field(() => [RuleAction])
  actions!: RuleAction[];
}

@ObjectType({ simpleResolvers: true, description: "A merchant's ordered return rules. Version 0 is the default set derived from the policy's numbers." })
export class ReturnRuleSet {
  @Field(() => ID)
  merchantId!: string;

  @Field(() => Int, { description: 'Pass it as expectedVersion when saving; 0 until the merchant first saves rules.' })
  version!: number;

  @Field(() => Boolean, { description: "True while the merchant has never saved rules: these are its policy's numbers as rules." })
  isDefault!: boolean;

  @Field(() => [ReturnRuleView])
  rules!: ReturnRuleView[];

  @Field(() => Date, { nullable: true })
  updatedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who saved this version (a username, or partner:<token name>).' })
  updatedBy!: string | null;
}
