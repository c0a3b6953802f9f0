import { Length } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';

@ArgsType()
export class ChangePasswordArgs {
  @Field()
  @Length(1, 200)
  currentPassword!: string;

  @Field({ description: 'At least 12 characters.' })
  @Length(1, 200)
  newPassword!: string;
}
