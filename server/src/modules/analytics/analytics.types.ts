import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true })
export class CountByKey {
  @Field() key!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ simpleResolvers: true })
export class MerchantReturns {
  @Field(() => ID) merchantId!: string;
  @Field() name!: string;
  @Field(() => Int) opened!: number;
  @Field(() => Float, { nullable: true, description: 'Approved ÷ decided, over decisions in the range.' }) approvalRate!: number | null;
}

@ObjectType({ simpleResolvers: true })
export class DailyReturns {
  @Field({ description: 'YYYY-MM-DD (UTC).' }) date!: string;
  @Field(() => Int) opened!: number;
  @Field(() => Int) closed!: number;
  @Field(() => Int) refundedMinor!: number;
}

@ObjectType({ simpleResolvers: true, description: 'Returns over a date range of at most 366 days (UTC, both ends included).' })
export class ReturnsAnalytics {
  @Field() from!: string;
  @Field() to!: string;
  @Field(() => Int) opened!: number;
  @Field(() => Int) closed!: number;
  @Field(() => [CountByKey], { description: 'Cases opened in the range, by current status.' }) byStatus!: CountByKey[];
  @Field(() => [CountByKey]) byReason!: CountByKey[];
  @Field(() => [MerchantReturns]) byMerchant!: MerchantReturns[];
  @Field(() => Float, { nullable: true }) approvalRate!: number | null;
  @Field(() => Float, { nullable: true }) medianHoursToDecision!: number | null;
  @Field(() => Float, { nullable: true }) medianHoursToRefund!: number | null;
  @Field(() => Float, { nullable: true, description: 'Of the cases opened in the range, the share that breached the resolution deadline.' }) slaBreachRate!: number | null;
  @Field(() => Int) refundedMinor!: number;
  @Field(() => [DailyReturns]) daily!: DailyReturns[];
}
