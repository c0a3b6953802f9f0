import GraphQLUpload from 'graphql-upload/GraphQLUpload.mjs';
import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import { Order } from '../orders/order.entity.js';
import { Refund } from '../refunds/refund.entity.js';
import type { CaseRow } from '../returns/case-row.js';
import { ReturnCase } from '../returns/return-case.entity.js';
import { RecordInspectionInput } from './dto/record-inspection.input.js';
import { CaseTrackingEvent } from './tracking-event.entity.js';

const versionArg = { nullable: true, description: 'The version you loaded; a stale one fails with CONFLICT.' } as const;

/**
 * The dedicated operations of the fulfilment moves (returns/transitions.ts), and what a case shows of them. Each
 * answers with the case read again after its commit, as the case page reads it.
 */
@Resolver(() => ReturnCase)
export class FulfilmentResolver {
  @Mutation(() => ReturnCase, {
    description:
      'The customer shipped the return (APPROVED → IN_TRANSIT), within 7 days of approval: carrier, tracking number, a description of the packed ' +
      'goods and 1 to 5 photos of them (GraphQL multipart request; JPEG, PNG or WEBP up to 5 MB each), stored as SHIPMENT_EVIDENCE documents. ' +
      'The move and its photos are stored together, or neither.',
  })
  async confirmReturnShipment(
    @Arg('id', () => ID) id: string,
    @Arg('carrier') carrier: string,
    @Arg('trackingNumber') trackingNumber: string,
    @Arg('description', { description: 'What was packed and in what state (1 to 2000 characters).' }) description: string,
    @Arg('photos', () => [GraphQLUpload], { description: '1 to 5 photos of the packed goods.' }) photos: Array<Promise<FileUpload>>,
    @Ctx() ctx: RequestContext,
    @Arg('expectedVersion', () => Int, versionArg) expectedVersion?: number,
  ): Promise<CaseRow> {
    await ctx.services.documents.confirmShipment(id, { carrier, trackingNumber, description }, photos, expectedVersion);
    return ctx.services.cases.get(id);
  }

  @Mutation(() => ReturnCase, { description: 'The parcel arrived (IN_TRANSIT → RECEIVED): the merchant, ops or an admin.' })
  async markReturnReceived(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('note', () => String, { nullable: true }) note?: string,
    @Arg('expectedVersion', () => Int, versionArg) expectedVersion?: number,
  ): Promise<CaseRow> {
    await ctx.services.fulfilment.markReceived(id, note, expectedVersion);
    return ctx.services.cases.get(id);
  }

  @Mutation(() => ReturnCase, {
    description:
      'Records the inspection (RECEIVED → INSPECTED); the case then moves on at once: refund (REFUND_PENDING), replacement (EXCHANGED) or, ' +
      'on failure, RETURNED_TO_CUSTOMER. A refund can be lowered with a reason, never raised.',
  })
  async recordInspection(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => RecordInspectionInput) input: RecordInspectionInput,
    @Ctx() ctx: RequestContext,
    @Arg('expectedVersion', () => Int, versionArg) expectedVersion?: number,
  ): Promise<CaseRow> {
    await ctx.services.fulfilment.recordInspection(id, input, expectedVersion);
    return ctx.services.cases.get(id);
  }

  @Mutation(() => ReturnCase, {
    description:
      'Ops: try a failed refund again (REFUND_FAILED → REFUND_PENDING; it never pays twice), or ask the provider about a pending one. ' +
      'Any other status: CONFLICT "This case has no refund to retry." (extensions.rule NO_REFUND_TO_RETRY), whatever the status.',
  })
  async retryRefund(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('expectedVersion', () => Int, versionArg) expectedVersion?: number,
  ): Promise<CaseRow> {
    await ctx.services.fulfilment.retryRefund(id, expectedVersion);
    return ctx.services.cases.get(id);
  }

  @FieldResolver(() => String, { nullable: true, description: "Download address of the return label PDF (the case's parties only), once issued." })
  labelUrl(@Root() rc: CaseRow): string | null {
    return rc.labelStorageKey ? `/files/labels/${rc.id}` : null;
  }

  @FieldResolver(() => Order, { nullable: true, description: 'The replacement order of an exchange.' })
  exchangeOrder(@Root() rc: CaseRow, @Ctx() ctx: RequestContext): Promise<Order | null> {
    return ctx.services.caseDetails.exchangeOrder(rc);
  }

  @FieldResolver(() => [CaseTrackingEvent], { description: "The carrier's scans of the return parcel (its label's tracking number), newest first." })
  tracking(@Root() rc: CaseRow, @Ctx() ctx: RequestContext): Promise<CaseTrackingEvent[]> {
    return ctx.services.trackingOfCase(rc.id);
  }

  @FieldResolver(() => [Refund], { description: 'Refund attempts, oldest first.' })
  refunds(@Root() rc: CaseRow, @Ctx() ctx: RequestContext): Promise<Refund[]> {
    return ctx.services.caseDetails.refunds(rc);
  }
}
