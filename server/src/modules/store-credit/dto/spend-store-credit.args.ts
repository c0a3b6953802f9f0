import { IsInt, IsUUID, Length, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { MAX_MOVEMENT_MINOR } from '../store-credit.service.js';

@ArgsType()
export class SpendStoreCreditArgs {
  @Field(() => ID, { description: 'The order paid with credit: its customer and merchant name the account.' })
  @IsUUID()
  orderId!: string;

  @Field(() => Int, { description: 'Minor units of the order\'s currency, at least 1.' })
  @IsInt()
  @Min(1)
  @Max(MAX_MOVEMENT_MINOR)
  amountMinor!: number;

  @Field({ description: 'Yours, unique per spend (e.g. your checkout id): repeating it spends nothing more and answers duplicate: true.' })
  @Length(1, 200)
  idempotencyKey!: string;
}
