/** A postal address as printed on a label: a name and the address lines. */
export interface LabelAddress {
  name: string;
  lines: string[];
}

export interface ReturnLabelRequest {
  caseId: string;
  caseNumber: string;
  orderNumber: string;
  /** The customer ships from their address… */
  from: LabelAddress;
  /** …to the merchant's return warehouse. */
  to: LabelAddress;
  items: Array<{ sku: string; name: string; quantity: number }>;
  issuedAt: Date;
}

export interface ReturnLabel {
  carrier: string;
  trackingNumber: string;
  /** The printable label. */
  pdf: Buffer;
}

/** The carrier port: issues prepaid return labels (a real carrier's API, or the built-in adapter). */
export interface CarrierPort {
  readonly name: string;
  issueReturnLabel(request: ReturnLabelRequest): Promise<ReturnLabel>;
}
