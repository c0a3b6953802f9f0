import { useState, type FormEvent } from 'react';
import { Spinner } from '../../components/PageState';
import { getFragmentData, type FragmentType } from '../../gql';
import type { DocumentKind, Role } from '../../gql/graphql';
import { DocumentGallery, type CaseDocument } from './DocumentGallery';
import { EvidencePicker, type ChosenFile } from './EvidencePicker';
import { CaseDocumentsFragment } from './documents.graphql';
import { describeProblem } from './multipart-request';
import { addCount, type Counts } from './upload-rules';
import { useUploadDocuments } from './useUploadDocuments';

const KIND_TITLE: Record<DocumentKind, string> = {
  EVIDENCE: 'Customer’s photos and videos',
  RESPONSE: 'Merchant’s documents',
  INSPECTION: 'Inspection photos',
  SHIPMENT_EVIDENCE: 'Photos of the packed parcel',
};

const titleOf = (kind: DocumentKind, role: Role): string =>
  role === 'CUSTOMER' && kind === 'EVIDENCE'
    ? 'Your photos and videos'
    : role === 'CUSTOMER' && kind === 'SHIPMENT_EVIDENCE'
      ? 'Your photos of the parcel'
      : role === 'MERCHANT' && kind === 'RESPONSE'
        ? 'Your documents'
        : KIND_TITLE[kind];

const countsOf = (documents: readonly CaseDocument[], kind: DocumentKind): Counts =>
  documents.filter((d) => d.kind === kind).reduce((c, d) => addCount(c, d.mediaType === 'IMAGE' ? 'image' : d.mediaType === 'VIDEO' ? 'video' : 'pdf'), { images: 0, videos: 0, total: 0 });

const UPLOAD_LABEL: Record<DocumentKind, string> = {
  EVIDENCE: 'Add photos or videos of the items',
  RESPONSE: 'Add documents (e.g. proof of what was shipped)',
  INSPECTION: 'Add inspection photos',
  SHIPMENT_EVIDENCE: 'Photos of the packed goods', // sent with the shipment (ShipmentForm), never on their own
};

/** The case's files, grouped by who added them, and a form to add more. */
export function CaseDocumentsCard({
  returnCase,
  role,
  shownElsewhere = [],
}: {
  returnCase: FragmentType<typeof CaseDocumentsFragment>;
  role: Role;
  /** Kinds another card on the page already shows (the inspection view): not repeated here. */
  shownElsewhere?: DocumentKind[];
}) {
  const rc = getFragmentData(CaseDocumentsFragment, returnCase);
  const kinds = rc.uploadableKinds; // the API's own rule (document-policy.ts), never a copy of it here
  const groups = (['EVIDENCE', 'RESPONSE', 'INSPECTION', 'SHIPMENT_EVIDENCE'] as const).map((kind) => ({ kind, documents: rc.documents.filter((d) => d.kind === kind) }));
  const shown = groups.filter((g) => !shownElsewhere.includes(g.kind) && (g.documents.length > 0 || g.kind === 'EVIDENCE'));
  return (
    <section className="card" aria-labelledby="documents-title" data-testid="case-documents">
      <div className="card__header">
        <h2 id="documents-title" className="card__title">
          Photos and documents
        </h2>
        <span className="field__hint">{rc.documents.length} {rc.documents.length === 1 ? 'file' : 'files'}</span>
      </div>
      <div className="card__body stack">
        {shownElsewhere.length > 0 ? <p className="field__hint">The customer’s evidence and the inspection photos are in the inspection view above.</p> : null}
        {shown.map((g) => (
          <div key={g.kind}>
            <h3 className="compare__title">{titleOf(g.kind, role)}</h3>
            {g.kind === 'SHIPMENT_EVIDENCE' && rc.shipmentDescription ? (
              <p className="field__hint" data-testid="shipment-description">
                {rc.shipmentDescription}
              </p>
            ) : null}
            <DocumentGallery documents={g.documents} label={titleOf(g.kind, role)} emptyText={g.kind === 'EVIDENCE' ? 'No photos or videos were added.' : 'None yet.'} />
          </div>
        ))}
        {kinds.length > 0 ? <UploadForm caseId={rc.id} kinds={kinds} documents={rc.documents} /> : null}
      </div>
    </section>
  );
}

function UploadForm({ caseId, kinds, documents }: { caseId: string; kinds: DocumentKind[]; documents: readonly CaseDocument[] }) {
  const [kind, setKind] = useState<DocumentKind>(kinds[0]);
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const uploads = useUploadDocuments(caseId);
  const current = kinds.includes(kind) ? kind : kinds[0];
  const problem = uploads.error ? describeProblem(uploads.error) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (files.length === 0 || uploads.pending) return;
    const count = files.length;
    if (await uploads.upload(current, files)) {
      setFiles([]);
      setDone(`${count} ${count === 1 ? 'file' : 'files'} added.`);
    }
  };

  return (
    <form className="stack upload-form" onSubmit={submit} aria-label="Add files" data-testid="upload-form">
      {kinds.length > 1 ? (
        <div className="field">
          <label className="field__label" htmlFor={`${caseId}-kind`}>
            What are you adding?
          </label>
          <select
            id={`${caseId}-kind`}
            className="field__input"
            value={current}
            disabled={uploads.pending}
            onChange={(event) => {
              setKind(event.target.value as DocumentKind);
              setFiles([]);
            }}
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {KIND_TITLE[k]}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <EvidencePicker
        key={current}
        kind={current}
        label={UPLOAD_LABEL[current]}
        files={files}
        onChange={(next) => {
          setFiles(next);
          setDone(null);
          uploads.clearError();
        }}
        existing={countsOf(documents, current)}
        progress={uploads.progress}
        disabled={uploads.pending}
      />
      {problem ? (
        <p className="field__error" role="alert" data-testid="upload-error">
          {problem.message}
        </p>
      ) : null}
      {done ? (
        <p className="field__hint" role="status">
          {done}
        </p>
      ) : null}
      {files.length > 0 ? (
        <div>
          <button type="submit" className="button button--primary" disabled={uploads.pending}>
            {uploads.pending ? <Spinner size="sm" /> : null}
            Upload {files.length} {files.length === 1 ? 'file' : 'files'}
          </button>
        </div>
      ) : null}
    </form>
  );
}
