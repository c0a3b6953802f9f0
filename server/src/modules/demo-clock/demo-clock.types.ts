import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'The development demo clock: the time the product runs on, moved ahead by an admin.' })
export class DemoClockState {
  @Field(() => Date, { description: 'What the API and the worker take as now.' })
  now!: Date;

  @Field(() => Int, { description: 'How far ahead of the real time, in hours (0: not moved).' })
  offsetHours!: number;
}
