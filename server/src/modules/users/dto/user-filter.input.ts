import { IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { Role } from '../user.enums.js';

@InputType({ description: 'Narrows the admin list of users.' })
export class UserFilter {
  @Field(() => String, { nullable: true, description: 'Part of the username, display name or e-mail.' })
  @IsOptional()
  @MaxLength(200, { message: 'Search for at most 200 characters.' })
  search?: string | null;

  @Field(() => Role, { nullable: true })
  @IsOptional()
  role?: Role | null;

  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or only deactivated (false) users.' })
  @IsOptional()
  active?: boolean | null;
}
