import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from '../users/user.entity.js';
import { NoteVisibility } from './return-case.enums.js';
import { ReturnCase } from './return-case.entity.js';

/** INTERNAL notes are for ops and admins only; MESSAGE notes are the thread every party of the case sees. */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'case_notes' })
@Index({ properties: ['returnCase', 'createdAt'] })
export class CaseNote {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => ReturnCase, { deleteRule: 'cascade' })
  returnCase!: Rel<ReturnCase>;

  /** Null for notes the system writes itself (e.g. a refund that needs ops after its automatic retries). */
  @ManyToOne(() => User, { deleteRule: 'restrict', nullable: true })
  author: Rel<User> | null = null;

  @Field(() => NoteVisibility)
  @Enum({ items: () => NoteVisibility, nativeEnumName: 'note_visibility' })
  visibility!: NoteVisibility;

  @Field()
  @Property({ type: 'text' })
  body!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
