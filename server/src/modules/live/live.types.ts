import { Field, ID, ObjectType } from 'type-graphql';
import type { CaseRow } from '../returns/case-row.js';
import { ReturnCase } from '../returns/return-case.entity.js';

@ObjectType({ simpleResolvers: true, description: 'Something changed in the ops queue: refetch the page or patch the case in place.' })
export class QueueChange {
  @Field(() => ID, { nullable: true, description: 'The case that changed; null for RESYNC (changes may have been missed: refetch).' })
  caseId!: string | null;

  @Field(() => String, { description: 'The audit event type (status_changed, priority_changed…) or resync.' })
  eventType!: string;

  @Field(() => ReturnCase, { nullable: true })
  returnCase!: CaseRow | null;
}
