import './journey.css';
import type { ReactNode } from 'react';
import { graphql, getFragmentData, type FragmentType } from '../../../gql';
import { formatDateTime } from '../../../lib/dates';

export const ReturnLabelFragment = graphql(`
  fragment ReturnLabel_case on ReturnCase {
    id
    labelUrl
    labelCarrier
    labelTrackingNumber
    labelIssuedAt
    merchant {
      id
      name
      warehouseAddress
    }
  }
`);

/**
 * The prepaid return label, once the return is approved: a PDF to print and stick on the parcel. `children`: what
 * comes after printing it (the shipment confirmation), so the two steps read in order.
 */
export function ReturnLabelCard({ returnCase, children }: { returnCase: FragmentType<typeof ReturnLabelFragment>; children?: ReactNode }) {
  const rc = getFragmentData(ReturnLabelFragment, returnCase);
  if (!rc.labelUrl) return null;
  return (
    <section className="card" aria-labelledby="label-title" data-testid="return-label">
      <div className="card__header">
        <h2 id="label-title" className="card__title">
          Send the parcel back
        </h2>
        {rc.labelIssuedAt ? <span className="field__hint">Issued {formatDateTime(rc.labelIssuedAt)}</span> : null}
      </div>
      <div className="card__body stack">
        <p>
          <strong>1.</strong> Print the return label and stick it on the parcel.
          {rc.labelCarrier ? (
            <>
              {' '}
              It is prepaid with <strong>{rc.labelCarrier}</strong>
              {rc.labelTrackingNumber ? (
                <>
                  , tracking number <span className="mono">{rc.labelTrackingNumber}</span>
                </>
              ) : null}
              .
            </>
          ) : null}
        </p>
        {rc.merchant.warehouseAddress ? <p className="muted">It goes to {rc.merchant.warehouseAddress}.</p> : null}
        <div>
          <a className="button button--secondary" href={rc.labelUrl} download data-testid="label-download">
            Download the label (PDF)
          </a>
        </div>
        {children}
      </div>
    </section>
  );
}
