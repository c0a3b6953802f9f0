import { registerEnumType } from 'type-graphql';

export enum DocumentKind {
  EVIDENCE = 'evidence',
  RESPONSE = 'response',
  INSPECTION = 'inspection',
}
registerEnumType(DocumentKind, { name: 'DocumentKind' });
