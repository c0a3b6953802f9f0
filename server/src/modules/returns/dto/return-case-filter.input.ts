import { IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { CaseStatus } from '../return-case.enums.js';

@InputType({ description: "Narrows the viewer's own cases." })
export class ReturnCaseFilter {
  @Field(() => [CaseStatus], { nullable: true })
  statuses?: CaseStatus[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  orderId?: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'Only cases changed at or after this instant (updatedAt ≥ updatedSince). For incremental sync, use it with orderBy: UPDATED_AT ' +
      'and start the next sync from the updatedAt of the last case you received: that case comes again (the bound is inclusive), ' +
      'so de-duplicate by id.',
  })
  updatedSince?: Date | null;
}

/** The order of `returnCases`; each has its own cursor (a cursor from one order is refused by the other). */
export enum ReturnCaseOrder {
  CREATED_AT_DESC = 'CREATED_AT_DESC',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(ReturnCaseOrder, {
  name: 'ReturnCaseOrder',
  description: 'CREATED_AT_DESC: newest first (the default). UPDATED_AT: least recently changed first, by (updatedAt, id) — a stable order for incremental sync.',
  valuesConfig: {
    CREATED_AT_DESC: { description: 'Newest first, by (createdAt, id) descending.' },
    UPDATED_AT: { description: 'Oldest change first, by (updatedAt, id) ascending; the cursor encodes both, so a page boundary never skips or repeats a case that did not change meanwhile. A case that changes moves to the end.' },
  },
});
