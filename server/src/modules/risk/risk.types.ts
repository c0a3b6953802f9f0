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

@ObjectType({ simpleResolvers: true, description: 'One score bin of the reliability (calibration) chart on the held-out split.' })
export class CalibrationBin {
  @Field(() => Float) lower!: number;
  @Field(() => Float) upper!: number;
  @Field(() => Int) count!: number;
  @Field(() => Float, { nullable: true, description: 'Null for an empty bin.' }) meanPredicted!: number | null;
  @Field(() => Float, { nullable: true, description: 'Null for an empty bin.' }) observedRate!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'A model feature and its weight: log-odds per standard deviation (linear model), or the spread of its bins\' points in log-odds (scorecard).' })
export class ModelFeatureWeight {
  @Field() name!: string;
  @Field(() => Float) coefficient!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A 95 % bootstrap confidence interval on the held-out split.' })
export class ConfidenceInterval {
  @Field(() => Float) low!: number;
  @Field(() => Float) high!: number;
}

@ObjectType({ simpleResolvers: true, description: 'AUC and Brier score of one scorer on the gate\'s held-out rows.' })
export class GateScores {
  @Field(() => Float) auc!: number;
  @Field(() => Float) brier!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'The gate before activation, recorded when the version was trained: on its held-out rows it must beat the then active model and the heuristic by the margin in AUC and Brier.',
})
export class ModelGate {
  @Field(() => String, { nullable: true, description: 'The version that was active when this one was trained.' }) against!: string | null;
  @Field(() => Int) rows!: number;
  @Field(() => GateScores) candidate!: GateScores;
  @Field(() => GateScores, { nullable: true }) active!: GateScores | null;
  @Field(() => GateScores) heuristic!: GateScores;
  @Field(() => GateScores, { description: 'AUC at least this much higher, Brier at least this much lower.' }) margin!: GateScores;
  @Field() passed!: boolean;
  @Field(() => [String]) failures!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'A registered version whose stored record cannot be shown (incomplete metrics); it cannot be activated.' })
export class UnreadableModelVersion {
  @Field() version!: string;
  @Field() problem!: string;
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
  @Field(() => String, { nullable: true, description: 'Why it was last activated: the gate passed, or the reason given with force.' }) activationReason!: string | null;
  @Field(() => ModelGate, { nullable: true, description: 'Null for versions trained before the gate existed.' }) gate!: ModelGate | null;
  @Field(() => ConfidenceInterval, { nullable: true, description: "The model's held-out AUC, 95 % bootstrap interval (null for older versions)." }) aucInterval!: ConfidenceInterval | null;
  @Field(() => [ModelFeatureWeight], { description: 'The five features with the largest weights, strongest first.' }) topFeatures!: ModelFeatureWeight[];
  @Field(() => [CalibrationBin], { nullable: true, description: "The model's reliability on the held-out split (null for older versions)." }) calibration!: CalibrationBin[] | null;
  @Field(() => ConfidenceInterval, { nullable: true, description: "The model's held-out Brier score, 95 % bootstrap interval (null for older versions)." }) brierInterval!: ConfidenceInterval | null;
}

@ObjectType({ simpleResolvers: true, description: 'Population stability index of one feature (or the score): recent cases against the training data.' })
export class FeatureDrift {
  @Field() name!: string;
  @Field(() => Float) psi!: number;
  @Field({ description: 'PSI above 0.2.' }) warning!: boolean;
}

@ObjectType({ simpleResolvers: true, description: "The active version's drift: the last 30 days of its scores (at most the latest 20,000) against its training data." })
export class ModelDrift {
  @Field() version!: string;
  @Field(() => Date) since!: Date;
  @Field(() => Int) cases!: number;
  @Field(() => FeatureDrift) score!: FeatureDrift;
  @Field(() => [FeatureDrift], { description: 'Largest PSI first.' }) features!: FeatureDrift[];
}

@ObjectType({ simpleResolvers: true })
export class RiskModelRegistry {
  @Field(() => String, { nullable: true }) active!: string | null;
  @Field({ description: 'The version scoring in the replica that answered (says so when it is the heuristic fallback); every replica follows an activation within seconds.' }) scoringWith!: string;
  @Field(() => [RiskModelVersion]) versions!: RiskModelVersion[];
  @Field(() => ModelDrift, { nullable: true, description: 'Null without an active version with a training reference, or without scores in the last 30 days.' }) drift!: ModelDrift | null;
  @Field(() => [UnreadableModelVersion], { description: 'Versions left out of `versions` because their stored record is incomplete.' }) unreadable!: UnreadableModelVersion[];
}
