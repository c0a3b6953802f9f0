import { IsBoolean, IsInt, IsOptional, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { RefundTiming, SlaTimeoutAction } from '../../users/user.enums.js';

/** A partial update of a merchant's return policy: only the fields given change. */
@InputType()
export class MerchantPolicyInput {
  @Field(() => Int, { nullable: true, description: 'Days after delivery during which a return can be opened (1–365).' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'The return window is at least 1 day.' })
  @Max(365, { message: 'The return window is at most 365 days.' })
  returnWindowDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'Hours the merchant has to answer a new case (1–720).' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'The response SLA is at least 1 hour.' })
  @Max(720, { message: 'The response SLA is at most 720 hours (30 days).' })
  responseSlaHours?: number | null;

  @Field(() => SlaTimeoutAction, { nullable: true })
  @IsOptional()
  slaTimeoutAction?: SlaTimeoutAction | null;

  @Field(() => Int, { nullable: true, description: 'Refunds under this amount (minor units) with low risk are approved at once; 0 turns it off.' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'The auto-approve limit cannot be negative.' })
  @Max(100_000_000, { message: 'The auto-approve limit is at most 100,000,000 minor units.' })
  autoApproveLimitMinor?: number | null;

  @Field(() => Int, { nullable: true, description: 'Restocking fee in percent of the returned items (0–100); never charged for defective or wrong items.' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'The restocking fee is at least 0 %.' })
  @Max(100, { message: 'The restocking fee is at most 100 %.' })
  restockingFeePercent?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Refund the shipping fee when a return takes back the rest of the order.' })
  @IsOptional()
  @IsBoolean()
  refundShipping?: boolean | null;

  @Field(() => RefundTiming, { nullable: true, description: 'When the refund (or store credit) is paid: at approval, at the first carrier scan, on delivery to the warehouse, or after inspection.' })
  @IsOptional()
  refundTiming?: RefundTiming | null;

  @Field(() => String, { nullable: true, description: 'Where returns are sent; printed on return labels.' })
  @IsOptional()
  @MinLength(5, { message: 'The warehouse address needs at least 5 characters.' })
  @MaxLength(500, { message: 'The warehouse address is at most 500 characters.' })
  warehouseAddress?: string | null;
}
