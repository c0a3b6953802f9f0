import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'A return rule the case met when it was opened: why it went the way it did (staff only).' })
export class MatchedRule {
  @Field({ description: "The rule's id in the merchant's rule set." }) ruleId!: string;
  @Field() name!: string;
  @Field(() => Int, { description: 'The version of the rule set (0: the default set derived from the policy).' }) version!: number;
  @Field(() => [GraphQLJSONObject], { description: "The rule's actions, as saved (e.g. { type: REVIEW, priority: HIGH })." })
  actions!: Array<Record<string, unknown>>;
}
