import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'A background job that used all its attempts and was given up (it is kept for inspection).' })
export class FailedJob {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The task, e.g. deliver_webhook.' })
  task!: string;

  @Field(() => String, { nullable: true, description: 'Its de-duplication key, which names what it was for.' })
  key!: string | null;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Int)
  maxAttempts!: number;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { description: 'When the last attempt failed.' })
  failedAt!: Date;
}
