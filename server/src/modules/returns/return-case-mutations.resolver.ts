import GraphQLUpload from 'graphql-upload/GraphQLUpload.mjs';
import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import { AuditExport, AuditExportFormat } from './audit-export.js';
import { CaseNote } from './case-note.entity.js';
import type { CaseNoteRow, CaseRow } from './case-row.js';
import { CreateReturnCaseInput } from './dto/create-return-case.input.js';
import { CasePriority, CaseStatus, NoteVisibility } from './return-case.enums.js';
import { ReturnCase } from './return-case.entity.js';
import { CaseDecision, DisputeOutcome, FollowUpParty, ReturnEligibility } from './return-case.types.js';

const versionArg = { nullable: true, description: 'The version you loaded; a stale one fails with CONFLICT.' } as const;

/**
 * Opening and changing cases: each field is one call into the workflow services, answered with what it changed read
 * again after the commit (the case as the case reader reads it), so field resolvers see one shape.
 */
@Resolver()
export class ReturnCaseMutationsResolver {
  @Query(() => ReturnEligibility, { description: 'What of this order can be returned now, item by item (nothing is created).' })
  async returnEligibility(@Arg('orderId', () => ID) orderId: string, @Ctx() ctx: RequestContext): Promise<ReturnEligibility> {
    const e = await ctx.services.openCase.eligibility(orderId);
    return {
      orderId: e.orderId,
      eligible: !e.orderReason && e.items.some((i) => i.returnableQuantity > 0),
      reason: e.orderReason?.message ?? (e.items.some((i) => i.returnableQuantity > 0) ? null : 'Nothing on this order can be returned.'),
      rule: e.orderReason?.rule ?? null,
      windowDays: e.windowDays,
      windowEndsAt: e.windowEndsAt,
      daysSinceDelivery: e.daysSinceDelivery,
      items: e.items.map((i) => ({ ...i, eligible: i.returnableQuantity > 0 })),
    };
  }

  @Query(() => AuditExport, { description: "A case's full audit trail as JSON or CSV (ops and admins)." })
  caseAuditExport(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('format', () => AuditExportFormat) format: AuditExportFormat,
    @Ctx() ctx: RequestContext,
  ): Promise<AuditExport> {
    return ctx.services.caseDetails.exportAudit(caseId, format);
  }

  @Mutation(() => ReturnCase, { description: "Opens a return on a delivered order: the customer's own, or any for an admin acting for the customer." })
  createReturnCase(
    @Arg('input', () => CreateReturnCaseInput) input: CreateReturnCaseInput,
    @Ctx() ctx: RequestContext,
    @Arg('evidence', () => [GraphQLUpload], {
      nullable: true,
      description: 'Evidence files stored with the case (multipart request; the same types and limits as uploadCaseDocuments). The case and its files are created together, or neither.',
    })
    evidence?: Array<Promise<FileUpload>> | null,
  ): Promise<CaseRow> {
    return ctx.services.openCase.open(input, evidence ?? []);
  }

  @Mutation(() => ReturnCase, { description: 'Moves a case along the transition table (see ReturnCase.availableTransitions).' })
  async transitionReturnCase(
    @Arg('id', () => ID) id: string,
    @Arg('to', () => CaseStatus) to: CaseStatus,
    @Ctx() ctx: RequestContext,
    @Arg('note', () => String, { nullable: true }) note?: string,
    @Arg('expectedVersion', () => Int, versionArg) expectedVersion?: number,
  ): Promise<CaseRow> {
    await ctx.services.workflow.transition(id, to, note, expectedVersion);
    return ctx.services.cases.get(id);
  }

  @Mutation(() => ReturnCase, { description: 'Sets the priority; the resolution deadline is recomputed.' })
  async setCasePriority(
    @Arg('id', () => ID) id: string,
    @Arg('priority', () => CasePriority) priority: CasePriority,
    @Ctx() ctx: RequestContext,
    @Arg('expectedVersion', () => Int, versionArg) expectedVersion?: number,
  ): Promise<CaseRow> {
    await ctx.services.workflow.setPriority(id, priority, expectedVersion);
    return ctx.services.cases.get(id);
  }

  @Mutation(() => ReturnCase, { description: 'Assigns the case to an ops agent or admin; null unassigns.' })
  async assignCase(
    @Arg('id', () => ID) id: string,
    @Arg('assigneeId', () => ID, { nullable: true }) assigneeId: string | null,
    @Ctx() ctx: RequestContext,
    @Arg('expectedVersion', () => Int, versionArg) expectedVersion?: number,
  ): Promise<CaseRow> {
    await ctx.services.workflow.assign(id, assigneeId ?? null, expectedVersion);
    return ctx.services.cases.get(id);
  }

  @Mutation(() => ReturnCase, { description: 'Asks the customer or the merchant for information; the case waits on their answer.' })
  async requestFollowUp(
    @Arg('id', () => ID) id: string,
    @Arg('from', () => FollowUpParty) from: FollowUpParty,
    @Arg('message') message: string,
    @Ctx() ctx: RequestContext,
    @Arg('expectedVersion', () => Int, versionArg) expectedVersion?: number,
  ): Promise<CaseRow> {
    await ctx.services.workflow.requestFollowUp(id, from, message, expectedVersion);
    return ctx.services.cases.get(id);
  }

  @Mutation(() => ReturnCase, { description: "The merchant's decision (ops and admins may decide too): approve, reject with a reason, or ask the customer." })
  async decideReturnCase(
    @Arg('id', () => ID) id: string,
    @Arg('decision', () => CaseDecision) decision: CaseDecision,
    @Ctx() ctx: RequestContext,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
    @Arg('expectedVersion', () => Int, versionArg) expectedVersion?: number,
  ): Promise<CaseRow> {
    await ctx.services.workflow.decide(id, decision, reason, expectedVersion);
    return ctx.services.cases.get(id);
  }

  @Mutation(() => ReturnCase, { description: 'The customer withdraws the return (before the goods are received).' })
  async cancelReturnCase(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
    @Arg('expectedVersion', () => Int, versionArg) expectedVersion?: number,
  ): Promise<CaseRow> {
    await ctx.services.workflow.cancel(id, reason, expectedVersion);
    return ctx.services.cases.get(id);
  }

  @Mutation(() => ReturnCase, { description: 'The customer disputes a rejection: once, within 7 days.' })
  async disputeDecision(
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
    @Ctx() ctx: RequestContext,
    @Arg('expectedVersion', () => Int, versionArg) expectedVersion?: number,
  ): Promise<CaseRow> {
    await ctx.services.workflow.dispute(id, reason, expectedVersion);
    return ctx.services.cases.get(id);
  }

  @Mutation(() => ReturnCase, { description: "Ops' final decision on a dispute." })
  async resolveDispute(
    @Arg('id', () => ID) id: string,
    @Arg('outcome', () => DisputeOutcome) outcome: DisputeOutcome,
    @Arg('note') note: string,
    @Ctx() ctx: RequestContext,
    @Arg('expectedVersion', () => Int, versionArg) expectedVersion?: number,
  ): Promise<CaseRow> {
    await ctx.services.workflow.resolveDispute(id, outcome, note, expectedVersion);
    return ctx.services.cases.get(id);
  }

  @Mutation(() => CaseNote, { description: 'MESSAGE notes go to every party; INTERNAL notes to ops and admins only.' })
  async addCaseNote(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('body') body: string,
    @Arg('visibility', () => NoteVisibility) visibility: NoteVisibility,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseNoteRow> {
    const note = await ctx.services.workflow.addNote(caseId, body, visibility);
    return ctx.services.caseDetails.note(note.id);
  }
}
