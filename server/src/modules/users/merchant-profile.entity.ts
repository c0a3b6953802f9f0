import { randomUUID } from 'node:crypto';
import { Entity, Enum, OneToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { RefundTiming, SlaTimeoutAction } from './user.enums.js';
import { User } from './user.entity.js';

/** A seller, with its return policy (SPEC §2). */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'merchant_profiles' })
export class MerchantProfile {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @OneToOne(() => User, { owner: true, unique: true, deleteRule: 'restrict' })
  user!: Rel<User>;

  @Field()
  @Property({ type: 'string', length: 120 })
  name!: string;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  marketplaceSeller: boolean & Opt = false;

  @Field(() => Int, { description: 'Days after delivery during which a return can be opened.' })
  @Property({ type: 'integer' })
  returnWindowDays: number & Opt = 30;

  @Field(() => Int, { description: 'Hours the merchant has to answer a new case.' })
  @Property({ type: 'integer' })
  responseSlaHours: number & Opt = 48;

  @Field(() => SlaTimeoutAction)
  @Enum({ items: () => SlaTimeoutAction, nativeEnumName: 'sla_timeout_action' })
  slaTimeoutAction: SlaTimeoutAction & Opt = SlaTimeoutAction.ESCALATE;

  @Field(() => Int, { description: 'Cases under this refund amount (minor units) with low risk are approved at once; 0 = off.' })
  @Property({ type: 'integer' })
  autoApproveLimitMinor: number & Opt = 0;

  @Field(() => Int)
  @Property({ type: 'integer' })
  restockingFeePercent: number & Opt = 0;

  @Field(() => String)
  @Property({ type: 'text' })
  warehouseAddress: string & Opt = '';

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  refundShipping: boolean & Opt = false;

  @Field(() => RefundTiming, { description: 'When the refund (or store credit) is paid; AFTER_INSPECTION unless the merchant chose earlier.' })
  @Enum({ items: () => RefundTiming, nativeEnumName: 'refund_timing' })
  refundTiming: RefundTiming & Opt = RefundTiming.AFTER_INSPECTION;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
