import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CasePriority, CaseStatus, RiskLabel } from '../returns/return-case.enums.js';
import type { CaseRow } from '../returns/case-row.js';
import { ReturnCase } from '../returns/return-case.entity.js';
import { Connection } from '../../shared/connection.js';

@InputType({ description: 'Narrows the ops queue (SPEC §7).' })
export class QueueFilter {
  @Field(() => Boolean, { nullable: true, description: 'true: open (non-terminal) cases only, the web app\'s default view. Missing or false: every case.' })
  open?: boolean | null;

  @Field(() => CaseStatus, { nullable: true })
  status?: CaseStatus | null;

  @Field(() => CasePriority, { nullable: true })
  priority?: CasePriority | null;

  @Field(() => RiskLabel, { nullable: true, description: "The case's latest persisted risk label." })
  riskLabel?: RiskLabel | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @Field(() => String, { nullable: true, description: 'Case number, order number, customer name or e-mail.' })
  @IsOptional()
  @MaxLength(200)
  search?: string | null;
}

@ObjectType({ simpleResolvers: true })
export class StatusCount {
  @Field(() => CaseStatus) status!: CaseStatus;
  @Field(() => Int) count!: number;
}

@ObjectType({ simpleResolvers: true, description: 'The summary cards shown with the queue, over the filtered cases.' })
export class QueueSummary {
  @Field(() => Int) total!: number;
  @Field(() => Int, { description: 'Active cases past their resolution deadline.' }) breached!: number;
  @Field(() => Int, { description: 'Active cases due within 24 hours and not yet breached.' }) dueWithin24h!: number;
  @Field(() => Int) highRisk!: number;
  @Field(() => [StatusCount]) byStatus!: StatusCount[];
}

@ObjectType({ simpleResolvers: true })
export class QueuePage {
  @Field(() => [ReturnCase]) items!: CaseRow[];
  @Field(() => Int) page!: number;
  @Field(() => Int) pageSize!: number;
  @Field(() => Int) totalCount!: number;
  @Field(() => Int) totalPages!: number;
  @Field(() => QueueSummary) summary!: QueueSummary;
}

@ObjectType({ simpleResolvers: true })
export class QueueConnection extends Connection('Queue', ReturnCase) {}
