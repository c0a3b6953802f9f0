import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { CaseStatus } from '../returns/return-case.enums.js';
import { ReturnCase } from '../returns/return-case.entity.js';
import { TrackingEventKind } from './carrier-port.js';

registerEnumType(TrackingEventKind, { name: 'TrackingEventKind', description: 'What the carrier reported about the parcel.' });

/**
 * Every tracking event a carrier reported for a case's return label, once (issue 22 §5): a redelivered event finds
 * its row (unique carrier + event id) and changes nothing. Written in the same transaction as the move it caused,
 * so a failed handling is retried by the carrier. Events that moved nothing (out of order, the case already past
 * that point) are kept too: they are the parcel's history.
 */
@ObjectType('TrackingEvent', { simpleResolvers: true, description: "One scan of the return parcel by the label's carrier." })
@Entity({ tableName: 'case_tracking_events' })
@Unique({ properties: ['carrier', 'eventId'] })
@Index({ properties: ['returnCase', 'occurredAt'] })
export class CaseTrackingEvent {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => ReturnCase)
  returnCase!: Rel<ReturnCase>;

  @Field({ description: 'The carrier that reported it.' })
  @Property({ type: 'string', length: 60 })
  carrier!: string;

  @Field({ description: "The carrier's id of the event (a redelivery carries the same one)." })
  @Property({ type: 'string', length: 255 })
  eventId!: string;

  @Field(() => TrackingEventKind)
  @Enum({ items: () => TrackingEventKind, nativeEnumName: 'tracking_event_kind' })
  kind!: TrackingEventKind;

  @Field()
  @Property({ type: 'string', length: 80 })
  trackingNumber!: string;

  @Field({ description: "When the carrier saw it (the carrier's clock)." })
  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  @Field()
  @Property({ type: 'string', length: 200 })
  location!: string;

  @Field()
  @Property({ type: 'string', length: 500 })
  description!: string;

  @Field({ description: 'When ReturnHub received it.' })
  @Property({ type: 'timestamptz' })
  receivedAt!: Date;

  @Field(() => CaseStatus, { nullable: true, description: 'The status the event moved the case to; null when it moved nothing (out of order, or the case was already past that point).' })
  @Enum({ items: () => CaseStatus, nativeEnumName: 'case_status', nullable: true })
  movedTo: CaseStatus | null = null;
}
