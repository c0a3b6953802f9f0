import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ReturnCase } from '../returns/return-case.entity.js';
import { RiskLabel } from '../returns/return-case.enums.js';
import type { CaseFeatureSource } from '../../../../ml/src/index.js';

@ObjectType({ simpleResolvers: true })
export class RiskReason {
  @Field({ description: 'Stable code, e.g. CUSTOMER_PRIOR_DISPUTES.' })
  code!: string;

  @Field()
  text!: string;

  @Field(() => Float)
  contribution!: number;
}

/** One scoring of a case by the escalation-risk model; the latest one is also kept on the case. */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'risk_scores' })
@Index({ properties: ['returnCase', 'createdAt'] })
@Check({ name: 'risk_scores_score_range', expression: 'score >= (0)::double precision and score <= (1)::double precision' })
export class RiskScore {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => ReturnCase, { deleteRule: 'cascade' })
  returnCase!: Rel<ReturnCase>;

  @Field()
  @Property({ type: 'string', length: 120 })
  modelVersion!: string;

  @Field(() => Float)
  @Property({ type: 'double' })
  score!: number;

  @Field(() => RiskLabel)
  @Enum({ items: () => RiskLabel, nativeEnumName: 'risk_label' })
  label!: RiskLabel;

  @Field(() => [RiskReason])
  @Property({ type: 'json' })
  reasonCodes: RiskReason[] & Opt = [];

  @Field(() => GraphQLJSONObject)
  @Property({ type: 'json' })
  features: Record<string, number> & Opt = {};

  /** The raw model inputs as they were at scoring time (the training set reads the case's first one); null before issue #21. */
  @Property({ type: 'json', nullable: true })
  inputs?: CaseFeatureSource | null;

  // Renamed: read through type-graphql's resolver (a simple resolver would look for a `scoredAt` property).
  @Field(() => Date, { name: 'scoredAt', simple: false })
  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
