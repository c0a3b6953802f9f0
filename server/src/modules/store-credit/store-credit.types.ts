import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum StoreCreditMovementKind {
  ISSUED = 'ISSUED',
  BONUS = 'BONUS',
  SPENT = 'SPENT',
}
registerEnumType(StoreCreditMovementKind, {
  name: 'StoreCreditMovementKind',
  description: 'ISSUED: credit given (e.g. a return taken as credit); BONUS: the merchant\'s bonus on top; SPENT: paid towards an order.',
});

@ObjectType({ simpleResolvers: true, description: 'One movement of a store-credit account (append-only).' })
export class StoreCreditMovement {
  @Field(() => ID)
  id!: string;

  @Field(() => StoreCreditMovementKind)
  kind!: StoreCreditMovementKind;

  @Field(() => Int, { description: 'Minor units: positive for ISSUED and BONUS, negative for SPENT.' })
  amountMinor!: number;

  @Field(() => Int, { description: 'The balance right after this movement.' })
  balanceAfterMinor!: number;

  @Field()
  currency!: string;

  @Field(() => ID, { nullable: true, description: 'The return case it came from or was spent for.' })
  caseId!: string | null;

  @Field(() => String, { nullable: true })
  caseNumber!: string | null;

  @Field(() => ID, { nullable: true, description: 'The order the credit was spent on.' })
  orderId!: string | null;

  @Field(() => String, { nullable: true })
  orderNumber!: string | null;

  @Field({ description: 'Who made it, as recorded (staff only).' })
  actorLabel!: string;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType({ simpleResolvers: true, description: "A customer's store credit with one merchant: its balance, totals and latest movements." })
export class StoreCreditAccount {
  @Field(() => ID)
  merchantId!: string;

  @Field()
  merchantName!: string;

  @Field()
  currency!: string;

  @Field(() => Int, { description: 'What can be spent now (minor units); never below zero.' })
  balanceMinor!: number;

  @Field(() => Int, { description: 'All credit issued, bonus excluded.' })
  issuedMinor!: number;

  @Field(() => Int, { description: 'All bonus credit.' })
  bonusMinor!: number;

  @Field(() => Int, { description: 'All credit spent (a positive number).' })
  spentMinor!: number;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => [StoreCreditMovement], { description: 'The latest movements, newest first (at most 50).' })
  history!: StoreCreditMovement[];
}

@ObjectType({ simpleResolvers: true })
export class StoreCreditSpend {
  @Field({ description: 'True when this idempotency key was already used: nothing new was spent.' })
  duplicate!: boolean;

  @Field(() => StoreCreditAccount, { description: 'The account after the spend.' })
  account!: StoreCreditAccount;
}
