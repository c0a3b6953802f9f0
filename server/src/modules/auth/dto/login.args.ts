import { Length } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';

@ArgsType()
export class LoginArgs {
  @Field()
  @Length(1, 64)
  username!: string;

  @Field()
  @Length(1, 200)
  password!: string;
}
