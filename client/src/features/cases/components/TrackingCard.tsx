import { statusLabel } from '../../../components/Badge';
import { graphql, getFragmentData, type FragmentType } from '../../../gql';
import type { TrackingEventKind } from '../../../gql/graphql';
import { TimelineEntry } from './TimelineEntry';

export const TrackingCardFragment = graphql(`
  fragment TrackingCard_case on ReturnCase {
    id
    labelCarrier
    labelTrackingNumber
    tracking {
      id
      kind
      occurredAt
      location
      description
      movedTo
    }
  }
`);

const KIND: Record<TrackingEventKind, string> = {
  LABEL_SCANNED: 'Picked up by the carrier',
  IN_TRANSIT: 'In transit',
  DELIVERED_TO_WAREHOUSE: 'Delivered to the return warehouse',
};

/**
 * The parcel's way back as the label's carrier reported it (issue 22 §5), newest first, with the status a scan
 * moved the return to. Shown once there is a label to track.
 */
export function TrackingCard({ returnCase }: { returnCase: FragmentType<typeof TrackingCardFragment> }) {
  const rc = getFragmentData(TrackingCardFragment, returnCase);
  if (!rc.labelTrackingNumber && rc.tracking.length === 0) return null;
  return (
    <section className="card" aria-labelledby="tracking-title" data-testid="tracking-card">
      <div className="card__header">
        <h2 id="tracking-title" className="card__title">
          Parcel tracking
        </h2>
        {rc.labelTrackingNumber ? (
          <span className="field__hint">
            {rc.labelCarrier ? `${rc.labelCarrier} · ` : ''}
            <span className="mono">{rc.labelTrackingNumber}</span>
          </span>
        ) : null}
      </div>
      <div className="card__body">
        {rc.tracking.length === 0 ? (
          <p className="muted">No scans yet: the carrier reports the parcel here once it is handed over.</p>
        ) : (
          <ol className="timeline" data-testid="tracking-events">
            {rc.tracking.map((scan) => (
              <TimelineEntry
                key={scan.id}
                modifier={scan.movedTo ? 'status' : null}
                title={KIND[scan.kind]}
                detail={scan.description ?? null}
                at={scan.occurredAt}
                meta={`${scan.location ? ` · ${scan.location}` : ''}${scan.movedTo ? ` · return ${statusLabel(scan.movedTo).toLowerCase()}` : ''}`}
              />
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
