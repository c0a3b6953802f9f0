import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'How many cases went each way under a rule set.' })
export class SimulatedOutcomes {
  @Field(() => Int, { description: 'Approved automatically by a rule.' })
  approved!: number;

  @Field(() => Int, { description: 'Refused by a rule.' })
  refused!: number;

  @Field(() => Int, { description: 'Sent to ops review by a rule.' })
  reviewed!: number;

  @Field(() => Int, { description: 'No rule decided: the merchant decides as usual.' })
  undecided!: number;

  @Field(() => Int, { description: 'Cases in which the customer keeps at least one item.' })
  kept!: number;

  @Field(() => Int, { description: 'Cases offered store credit (counted as taking it).' })
  credited!: number;

  @Field(() => Int, { description: 'Refunded to the original payment, minor units: every case not refused and not credited.' })
  refundMinor!: number;

  @Field(() => Int, { description: 'Store credit issued, bonus included, minor units.' })
  creditMinor!: number;

  @Field(() => Int, { description: 'The bonus part of the store credit, minor units.' })
  creditBonusMinor!: number;

  @Field(() => Int, { description: 'Cases not refused whose every item is kept: no return label, no shipment.' })
  labelsAvoided!: number;

  @Field(() => Int, { description: "Those labels' price, minor units (each order's shipping fee)." })
  shippingAvoidedMinor!: number;
}

@ObjectType({ simpleResolvers: true })
export class SimulatedRuleMatch {
  @Field(() => String)
  ruleId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int, { description: 'Cases with at least one item meeting all of the rule\'s conditions.' })
  cases!: number;
}

@ObjectType({ simpleResolvers: true })
export class SimulatedCaseChange {
  @Field(() => ID)
  caseId!: string;

  @Field(() => String)
  number!: string;

  @Field(() => String, { description: 'APPROVED, REFUSED, REVIEWED or UNDECIDED under the current rules.' })
  before!: string;

  @Field(() => String, { description: 'The same under the draft.' })
  after!: string;
}

@ObjectType({ simpleResolvers: true, description: "A draft rule set replayed over the merchant's cases opened in a range, against its current rules." })
export class RuleSimulation {
  @Field(() => Int, { description: 'The version of the current rules the draft is compared with (0: the default set).' })
  currentVersion!: number;

  @Field(() => Int)
  cases!: number;

  @Field(() => String, { nullable: true, description: "The cases' currency (null without cases)." })
  currency!: string | null;

  @Field(() => [SimulatedRuleMatch], { description: 'Per draft rule, in order.' })
  ruleMatches!: SimulatedRuleMatch[];

  @Field(() => SimulatedOutcomes)
  before!: SimulatedOutcomes;

  @Field(() => SimulatedOutcomes)
  after!: SimulatedOutcomes;

  @Field(() => [SimulatedCaseChange], { description: 'Up to 20 cases whose decision changes, oldest first.' })
  changedCases!: SimulatedCaseChange[];
}
