import { IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CaseStatus } from '../return-case.enums.js';

@InputType({ description: "Narrows the viewer's own cases." })
export class ReturnCaseFilter {
  @Field(() => [CaseStatus], { nullable: true })
  statuses?: CaseStatus[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  orderId?: string | null;
}

