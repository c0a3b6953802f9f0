import { registerEnumType } from 'type-graphql';

export enum DocumentKind {
  EVIDENCE = 'evidence',
  RESPONSE = 'response',
  INSPECTION = 'inspection',
}
registerEnumType(DocumentKind, { name: 'DocumentKind' });

/** What a document is, from its sniffed content type: the web app picks its preview by it. */
export enum DocumentMedia {
  IMAGE = 'image',
  VIDEO = 'video',
  PDF = 'pdf',
}
registerEnumType(DocumentMedia, { name: 'DocumentMedia' });
