import { registerEnumType } from 'type-graphql';

export enum DocumentKind {
  EVIDENCE = 'evidence',
  RESPONSE = 'response',
  INSPECTION = 'inspection',
  /** Photos of the packed parcel, sent with `confirmReturnShipment` (seed 002) and only with it. */
  SHIPMENT_EVIDENCE = 'shipment_evidence',
}
registerEnumType(DocumentKind, { name: 'DocumentKind' });

/** What a document is, from its sniffed content type: the web app picks its preview by it. */
export enum DocumentMedia {
  IMAGE = 'image',
  VIDEO = 'video',
  PDF = 'pdf',
}
registerEnumType(DocumentMedia, { name: 'DocumentMedia' });
