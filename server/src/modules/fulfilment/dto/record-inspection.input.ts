import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ItemCondition } from '../../returns/return-case.enums.js';

@InputType({ description: 'What the inspection found for one returned item.' })
export class InspectedItemInput {
  @Field(() => ID)
  @IsUUID()
  returnItemId!: string;

  @Field(() => ItemCondition)
  condition!: ItemCondition;

  @Field(() => Boolean, { description: 'Can it go back into stock? Damaged or defective items cannot.' })
  restockable!: boolean;
}

@InputType()
export class RecordInspectionInput {
  @Field(() => [InspectedItemInput], { description: 'Every item of the case, once.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  items!: InspectedItemInput[];

  @Field(() => Boolean, { description: 'Pass: refund or replacement follows. Fail: the goods go back to the customer.' })
  passed!: boolean;

  @Field(() => String, { nullable: true, description: 'Required when the inspection fails.' })
  @IsOptional()
  @MaxLength(5_000)
  notes?: string | null;

  @Field(() => Int, { nullable: true, description: 'A lower refund (minor units) for partial damage; never higher than the amount due. Refund cases that pass only.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  refundAmountMinor?: number | null;

  @Field(() => String, { nullable: true, description: 'Why the refund was lowered; required with a lower refundAmountMinor.' })
  @IsOptional()
  @MaxLength(1_000)
  adjustmentReason?: string | null;
}
