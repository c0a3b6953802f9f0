import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true })
export class ModelMetrics {
  @Field(() => Int) n!: number;
  @Field(() => Float) baseRate!: number;
  @Field(() => Float) auc!: number;
  @Field(() => Float) logLoss!: number;
  @Field(() => Float) brier!: number;
  @Field(() => Float, { description: 'Expected calibration error over 10 bins.' }) ece!: number;
}

@ObjectType({ simpleResolvers: true, description: "A trained escalation-risk model in the database's registry (the release's committed versions are added at start-up)." })
export class RiskModelVersion {
  @Field() version!: string;
  @Field() contractVersion!: string;
  @Field() createdAt!: string;
  @Field() active!: boolean;
  @Field() trainingDataSha256!: string;
  @Field(() => Int) trainingRows!: number;
  @Field(() => ModelMetrics, { description: 'On the held-out split.' }) metrics!: ModelMetrics;
  @Field(() => ModelMetrics, { description: 'The placeholder heuristic on the same split.' }) heuristicMetrics!: ModelMetrics;
  @Field(() => Date, { nullable: true, description: 'When this version was last made the active one.' }) activatedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Who last made it the active one, as the audit trail names actors.' }) activatedBy!: string | null;
}

@ObjectType({ simpleResolvers: true })
export class RiskModelRegistry {
  @Field(() => String, { nullable: true }) active!: string | null;
  @Field({ description: 'The version scoring in the replica that answered (says so when it is the heuristic fallback); every replica follows an activation within seconds.' }) scoringWith!: string;
  @Field(() => [RiskModelVersion]) versions!: RiskModelVersion[];
}
