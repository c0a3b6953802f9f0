import './journey.css';
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

/** The prepaid return label, once the return is approved: a PDF to print and stick on the parcel. */
export function ReturnLabelCard({ returnCase }: { returnCase: FragmentType<typeof ReturnLabelFragment> }) {
  const rc = getFragmentData(ReturnLabelFragment, returnCase);
  if (!rc.labelUrl) return null;
  return (
    <section className="card" aria-labelledby="label-title" data-testid="return-label">
      <div className="card__header">
        <h2 id="label-title" className="card__title">
          Return label
        </h2>
        {rc.labelIssuedAt ? <span className="field__hint">Issued {formatDateTime(rc.labelIssuedAt)}</span> : null}
      </div>
      <div className="card__body stack">
        <p>
          Print the label and stick it on the parcel.
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
      </div>
    </section>
  );
}
