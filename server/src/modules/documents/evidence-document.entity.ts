import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { ReturnCase } from '../returns/return-case.entity.js';
import { User } from '../users/user.entity.js';
import { DocumentKind } from './document.enums.js';

/** A file attached to a case. The content type is sniffed from the bytes; the original name is metadata only. */
@ObjectType()
@Entity({ tableName: 'evidence_documents' })
@Index({ properties: ['returnCase', 'createdAt'] })
export class EvidenceDocument {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => ReturnCase, { deleteRule: 'cascade' })
  returnCase!: Rel<ReturnCase>;

  @Field(() => DocumentKind)
  @Enum({ items: () => DocumentKind, nativeEnumName: 'document_kind' })
  kind!: DocumentKind;

  @Field()
  @Property({ type: 'string', length: 255 })
  fileName!: string;

  @Field()
  @Property({ type: 'string', length: 100 })
  contentType!: string;

  @Field(() => Float)
  @Property({ type: 'bigint', runtimeType: 'number' })
  sizeBytes!: number;

  @Field()
  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Property({ type: 'string', length: 200 })
  storageKey!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  thumbnailKey: string | null = null;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  uploadedBy!: Rel<User>;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
