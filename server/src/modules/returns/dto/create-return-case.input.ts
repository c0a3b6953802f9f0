import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ReturnOutcome, ReturnReason, ReturnType } from '../return-case.enums.js';

@InputType()
export class ReturnItemInput {
  @Field(() => ID)
  @IsUUID()
  orderItemId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(10_000)
  quantity!: number;
}

@InputType()
export class CreateReturnCaseInput {
  @Field(() => ID)
  orderId!: string;

  @Field(() => [ReturnItemInput])
  @ArrayMinSize(1, { message: 'Choose at least one item to return.' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  items!: ReturnItemInput[];

  @Field(() => ReturnReason)
  reason!: ReturnReason;

  @Field(() => ReturnType, { defaultValue: ReturnType.REFUND, description: 'Kept for existing clients: REFUND or EXCHANGE. `outcome`, when given, decides.' })
  type!: ReturnType;

  @Field(() => ReturnOutcome, {
    nullable: true,
    description: 'What the customer chooses among the outcomes returnEligibility offers: REFUND, STORE_CREDIT (only when a rule offers it) or EXCHANGE. Keeping the item is the merchant\'s offer, not a choice. Absent: what `type` says.',
  })
  outcome?: ReturnOutcome | null;

  @Field(() => String, { defaultValue: '' })
  @IsOptional()
  @MaxLength(5_000)
  description!: string;
}
