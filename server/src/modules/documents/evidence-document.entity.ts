import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ReturnCase } from '../returns/return-case.entity.js';
import { User } from '../users/user.entity.js';
import { DocumentKind } from './document.enums.js';

/** A file attached to a case. The content type is sniffed from the bytes; the original name is metadata only. */
@ObjectType({ simpleResolvers: true, description: 'A file attached to a case: evidence, a response document or an inspection photo.' })
@Entity({ tableName: 'evidence_documents' })
@Index({ properties: ['returnCase', 'createdAt'] })
// The orphan-file sweep looks stored keys up (storage_key has its unique index).
@Index({ name: 'evidence_documents_thumbnail_key_idx', expression: 'create index "evidence_documents_thumbnail_key_idx" on "evidence_documents" ("thumbnail_key") where "thumbnail_key" is not null' })
@Check({ name: 'evidence_documents_size_bytes_check', expression: 'size_bytes >= 0' })
export class EvidenceDocument {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => ReturnCase, { deleteRule: 'cascade' })
  returnCase!: Rel<ReturnCase>;

  @Field(() => DocumentKind)
  @Enum({ items: () => DocumentKind, nativeEnumName: 'document_kind' })
  kind!: DocumentKind;

  @Field({ description: "The uploader's file name, sanitised; metadata only (storage keys are random)." })
  @Property({ type: 'string', length: 255 })
  fileName!: string;

  @Field({ description: 'Sniffed from the bytes, never taken from the client.' })
  @Property({ type: 'string', length: 100 })
  contentType!: string;

  @Field(() => Float)
  @Property({ type: 'bigint', runtimeType: 'number' })
  sizeBytes!: number;

  @Field()
  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Property({ type: 'string', length: 200, unique: true })
  storageKey!: string;

  /** Images: set by the `make_document_thumbnail` job once the preview is stored (null while it is pending). */
  @Property({ type: 'string', length: 200, nullable: true })
  thumbnailKey: string | null = null;

  /** Images the thumbnail job could not decode (damaged, or over the pixel limit): their preview is the placeholder. */
  @Property({ type: 'string', length: 300, nullable: true })
  thumbnailError: string | null = null;

  @Field(() => Int, { nullable: true, description: 'Images: width in pixels, as displayed (EXIF orientation applied); null until the preview is made, shortly after the upload.' })
  @Property({ type: 'integer', nullable: true })
  width: number | null = null;

  @Field(() => Int, { nullable: true, description: 'Images: height in pixels, as displayed; null until the preview is made.' })
  @Property({ type: 'integer', nullable: true })
  height: number | null = null;

  @Field(() => Int, { nullable: true, description: "Videos: duration in milliseconds, when the file's mvhd box tells it." })
  @Property({ type: 'integer', nullable: true })
  durationMs: number | null = null;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  uploadedBy!: Rel<User>;

  /** The file's place in its upload request: documents of one upload share `createdAt`. */
  @Property({ type: 'smallint' })
  position: number & Opt = 0;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
