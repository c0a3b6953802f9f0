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

@ObjectType({ simpleResolvers: true, description: 'A trained escalation-risk model in the committed registry.' })
export class RiskModelVersion {
  @Field() version!: string;
  @Field() contractVersion!: string;
  @Field() createdAt!: string;
  @Field() active!: boolean;
  @Field() trainingDataSha256!: string;
  @Field(() => Int) trainingRows!: number;
  @Field(() => ModelMetrics, { description: 'On the held-out split.' }) metrics!: ModelMetrics;
  @Field(() => ModelMetrics, { description: 'The placeholder heuristic on the same split.' }) heuristicMetrics!: ModelMetrics;
}

@ObjectType({ simpleResolvers: true })
export class RiskModelRegistry {
  @Field(() => String, { nullable: true }) active!: string | null;
  @Field({ description: 'The version scoring in this process (says so when it is the heuristic fallback).' }) scoringWith!: string;
  @Field(() => [RiskModelVersion]) versions!: RiskModelVersion[];
}
