import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import type { CaseRow, RiskScoreRow } from '../returns/case-row.js';
import { ReturnCase } from '../returns/return-case.entity.js';
import { RiskScore } from './risk-score.entity.js';
import { RiskModelRegistry } from './risk.types.js';

@Resolver(() => ReturnCase)
export class RiskResolver {
  @FieldResolver(() => RiskScore, { nullable: true, description: 'The latest escalation-risk score (ops and admins only).' })
  risk(@Root() returnCase: CaseRow, @Ctx() ctx: RequestContext): Promise<RiskScore | RiskScoreRow | null> {
    return ctx.services.risk.latest(returnCase.id);
  }

  @Mutation(() => RiskScore, { description: 'Scores the case again with the active model (ops and admins).' })
  rescoreCase(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<RiskScore> {
    return ctx.services.risk.rescoreVisible(ctx.viewer, id);
  }

  @Query(() => RiskModelRegistry, { description: 'The model registry (admins).' })
  models(@Ctx() ctx: RequestContext): Promise<RiskModelRegistry> {
    return ctx.services.modelRegistry.registry();
  }

  @Mutation(() => RiskModelRegistry, {
    description: 'Makes a registered model version the active one (admins): only one that passed the gate against the active version, unless force with a reason (recorded).',
  })
  activateModel(
    @Arg('version') version: string,
    @Arg('force', () => Boolean, { defaultValue: false }) force: boolean,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<RiskModelRegistry> {
    return ctx.services.modelRegistry.activate(version, { force, reason });
  }
}
