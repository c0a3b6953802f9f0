import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RuleSimulation } from './rule-simulation.types.js';

/** Where a background simulation is (stored lower-case in rule_simulations.status). */
export enum RuleSimulationStatus {
  QUEUED = 'queued',
  RUNNING = 'running',
  DONE = 'done',
  FAILED = 'failed',
}
registerEnumType(RuleSimulationStatus, { name: 'RuleSimulationStatus' });

@ObjectType({ simpleResolvers: true, description: 'A policy simulation running in the background (startRuleSimulation), with its progress and, once done, its result.' })
export class RuleSimulationJob {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  merchantId!: string;

  @Field(() => Date)
  from!: Date;

  @Field(() => Date)
  to!: Date;

  @Field(() => RuleSimulationStatus)
  status!: RuleSimulationStatus;

  @Field(() => Int, { description: 'Cases replayed so far.' })
  casesDone!: number;

  @Field(() => Int, { description: 'Cases in the range (counted when the simulation was asked for, again when it starts).' })
  casesTotal!: number;

  @Field(() => RuleSimulation, { nullable: true, description: 'Once DONE.' })
  result!: RuleSimulation | null;

  @Field(() => String, { nullable: true, description: 'Once FAILED: what went wrong, briefly.' })
  error!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}
