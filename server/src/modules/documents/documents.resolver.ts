import { Reference } from '@mikro-orm/core';
import GraphQLUpload from 'graphql-upload/GraphQLUpload.mjs';
import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../http/context.js';
import type { CaseRow } from '../returns/case-row.js';
import { ReturnCase } from '../returns/return-case.entity.js';
import { User } from '../users/user.entity.js';
import { mediaClassOf } from './document-policy.js';
import { DocumentKind, DocumentMedia } from './document.enums.js';
import { EvidenceDocument } from './evidence-document.entity.js';

@Resolver(() => EvidenceDocument)
export class EvidenceDocumentResolver {
  @Mutation(() => [EvidenceDocument], {
    description:
      'Adds files to a case (GraphQL multipart request; send the apollo-require-preflight header). Customers add EVIDENCE to their cases ' +
      '(at most 5 images: JPEG, PNG, WEBP up to 5 MB; and 1 video: MP4, MOV up to 50 MB); merchants RESPONSE documents, and INSPECTION photos ' +
      'once the goods are received; ops and admins any kind. All files are stored, or none.',
  })
  uploadCaseDocuments(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('kind', () => DocumentKind) kind: DocumentKind,
    @Arg('files', () => [GraphQLUpload]) files: Array<Promise<FileUpload>>,
    @Ctx() ctx: RequestContext,
  ): Promise<EvidenceDocument[]> {
    return ctx.services.documents.upload(caseId, kind, files);
  }

  @FieldResolver(() => DocumentMedia)
  mediaType(@Root() doc: EvidenceDocument): DocumentMedia {
    return mediaClassOf(doc.contentType) as DocumentMedia;
  }

  @FieldResolver(() => String, { description: 'A signed download link, valid for a few minutes (relative to the API origin).' })
  url(@Root() doc: EvidenceDocument, @Ctx() ctx: RequestContext): string {
    return ctx.services.documents.url(doc, 'file');
  }

  @FieldResolver(() => String, { description: 'A signed link to a small preview: for images a 320 px WEBP, made by a background job shortly after the upload (until then the image itself, not cached; a placeholder if it cannot be decoded); a placeholder for videos and PDFs.' })
  thumbnailUrl(@Root() doc: EvidenceDocument, @Ctx() ctx: RequestContext): string {
    return ctx.services.documents.url(doc, 'thumbnail');
  }

  @FieldResolver(() => User)
  uploadedBy(@Root() doc: EvidenceDocument): Promise<User> {
    return Reference.create(doc.uploadedBy).load() as Promise<User>;
  }
}

@Resolver(() => ReturnCase)
export class CaseDocumentsResolver {
  @FieldResolver(() => [EvidenceDocument], {
    description:
      "The case's files the viewer may see, oldest first. Everyone who sees the case sees evidence, responses and shipment photos; customers see inspection photos once the inspection is recorded.",
  })
  documents(
    @Root() rc: CaseRow,
    @Ctx() ctx: RequestContext,
    @Arg('kind', () => DocumentKind, { nullable: true }) kind?: DocumentKind,
  ): Promise<EvidenceDocument[]> {
    return ctx.services.documents.documentsOf(rc, kind);
  }

  @FieldResolver(() => [DocumentKind], { description: 'The kinds of document the viewer can add to this case now (what uploadCaseDocuments would accept).' })
  uploadableKinds(@Root() rc: CaseRow, @Ctx() ctx: RequestContext): DocumentKind[] {
    return ctx.services.documents.uploadableKinds(rc);
  }
}
