import { getFragmentData, type FragmentType } from '../../gql';
import { DocumentGallery } from './DocumentGallery';
import { CaseDocumentsFragment } from './documents.graphql';

/** The inspection view: what the customer showed beside what the warehouse found (shown once the parcel is received). */
export function InspectionCompare({ returnCase, inspectionNotes, inspectedAt }: {
  returnCase: FragmentType<typeof CaseDocumentsFragment>;
  inspectionNotes?: string | null;
  /** Set once the inspection is recorded: no photos then means none were taken, not "not yet". */
  inspectedAt?: string | null;
}) {
  const rc = getFragmentData(CaseDocumentsFragment, returnCase);
  const evidence = rc.documents.filter((d) => d.kind === 'EVIDENCE');
  const inspection = rc.documents.filter((d) => d.kind === 'INSPECTION');
  return (
    <section className="card" aria-labelledby="compare-title" data-testid="inspection-compare">
      <div className="card__header">
        <h2 id="compare-title" className="card__title">
          Inspection view
        </h2>
        <span className="field__hint">Customer’s evidence beside the inspection photos</span>
      </div>
      <div className="card__body stack">
        <div className="compare">
          <div>
            <h3 className="compare__title">Customer’s evidence ({evidence.length})</h3>
            <DocumentGallery documents={evidence} label="Customer’s evidence" emptyText="The customer added no photos or videos." />
          </div>
          <div>
            <h3 className="compare__title">Inspection photos ({inspection.length})</h3>
            <DocumentGallery documents={inspection} label="Inspection photos" emptyText={inspectedAt ? 'The inspection was recorded without photos.' : 'No inspection photos yet. Add them while inspecting the parcel.'} />
          </div>
        </div>
        {inspectionNotes ? (
          <p>
            <span className="muted">Inspection notes:</span> {inspectionNotes}
          </p>
        ) : null}
      </div>
    </section>
  );
}
