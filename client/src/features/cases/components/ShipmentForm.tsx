import './journey.css';
import { useApolloClient } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { SubmitRow } from '../../../components/SubmitRow';
import { graphql } from '../../../gql';
import { EvidencePicker, type ChosenFile } from '../../evidence/EvidencePicker';
import { describeProblem, multipartRequest } from '../../evidence/multipart-request';
import { type UploadRules, useUploadRules } from '../../evidence/upload-rules';
import { evictCaseLists } from '../hooks/case-cache';
import { CONFLICT_MESSAGE } from '../hooks/case-problem';

export const ConfirmShipmentDocument = graphql(`
  mutation ConfirmReturnShipment($id: ID!, $carrier: String!, $trackingNumber: String!, $description: String!, $photos: [Upload!]!, $expectedVersion: Int) {
    confirmReturnShipment(id: $id, carrier: $carrier, trackingNumber: $trackingNumber, description: $description, photos: $photos, expectedVersion: $expectedVersion) {
      id
      status
      version
    }
  }
`);

// The server's rules (fulfilment.service.ts), checked here first so the person sees them as they type.
const CARRIER = /^[\p{L}\p{N}][\p{L}\p{N} .&'-]{0,59}$/u;
const TRACKING = /^[A-Za-z0-9][A-Za-z0-9 -]{2,79}$/;
const tidy = (text: string) => text.trim().replace(/\s+/g, ' ');

const DESCRIPTION_MAX = 2_000;

type Problems = { carrier?: string; tracking?: string; description?: string; photos?: string };

export function shipmentProblems(carrier: string, tracking: string, description: string, photoCount: number, rules: UploadRules | null): Problems {
  const problems: Problems = {};
  if (!CARRIER.test(tidy(carrier))) problems.carrier = "Name the carrier (1 to 60 letters, digits, spaces or . & ' -).";
  if (!TRACKING.test(tidy(tracking))) problems.tracking = 'A tracking number has 3 to 80 letters, digits, spaces or dashes.';
  if (!description.trim() || description.trim().length > DESCRIPTION_MAX) problems.description = `Describe the packed goods (1 to ${DESCRIPTION_MAX} characters).`;
  // The photo limits are the API's (Query.uploadLimits); until they arrive the server alone checks the count.
  if (rules && (photoCount < rules.minFiles || photoCount > rules.maxTotal)) problems.photos = `Add ${rules.minFiles} to ${rules.maxTotal} photos of the packed goods.`;
  return problems;
}

/** The server's refusal in words; a stale version gets its own plain explanation. */
const problemOf = (error: unknown): string => {
  const problem = describeProblem(error);
  return problem.code === 'CONFLICT' ? CONFLICT_MESSAGE : problem.message;
};

/**
 * The customer (or ops for them) says the parcel is on its way: carrier and tracking number (prefilled from the
 * prepaid label when there is one), a description of the packed goods and 1 to 5 photos of them (seed 002), sent
 * in one multipart request with each photo's progress. APPROVED → IN_TRANSIT; the case is read again afterwards.
 */
export function ShipmentForm({
  caseId,
  version,
  defaultCarrier,
  defaultTracking,
  title = 'Confirm the shipment',
}: {
  caseId: string;
  version: number;
  defaultCarrier?: string | null;
  defaultTracking?: string | null;
  title?: string;
}) {
  const id = useId();
  const client = useApolloClient();
  const [carrier, setCarrier] = useState(defaultCarrier ?? '');
  const [tracking, setTracking] = useState(defaultTracking ?? '');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<ChosenFile[]>([]);
  const [touched, setTouched] = useState(false);
  const [progress, setProgress] = useState<number[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const loading = progress !== null;
  const { rules } = useUploadRules('SHIPMENT_EVIDENCE');
  const problems = touched ? shipmentProblems(carrier, tracking, description, photos.length, rules) : {};

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(shipmentProblems(carrier, tracking, description, photos.length, rules)).length > 0 || loading) return;
    setFailure(null);
    setProgress(photos.map(() => 0));
    try {
      await multipartRequest(
        ConfirmShipmentDocument,
        { id: caseId, carrier: tidy(carrier), trackingNumber: tidy(tracking), description: description.trim(), photos: photos.map((p) => p.file), expectedVersion: version },
        photos.map((p, i) => ({ path: `photos.${i}`, file: p.file })),
        { onProgress: setProgress },
      );
      evictCaseLists(client.cache);
      await client.refetchQueries({ include: ['CaseDetail'] });
    } catch (caught) {
      setFailure(caught);
    } finally {
      setProgress(null);
    }
  };

  return (
    <form className="journey-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${id}-title`} data-testid="shipment-form">
      <h3 id={`${id}-title`} className="journey-form__title">
        {title}
      </h3>
      <div className="journey-form__grid">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-carrier`}>
            Carrier
          </label>
          <input
            id={`${id}-carrier`}
            className="field__input"
            value={carrier}
            autoComplete="off"
            placeholder="e.g. UPS"
            aria-invalid={problems.carrier ? true : undefined}
            aria-describedby={problems.carrier ? `${id}-carrier-error` : undefined}
            onChange={(event) => setCarrier(event.target.value)}
          />
          {problems.carrier ? (
            <p id={`${id}-carrier-error`} className="field__error">
              {problems.carrier}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-tracking`}>
            Tracking number
          </label>
          <input
            id={`${id}-tracking`}
            className="field__input mono"
            value={tracking}
            autoComplete="off"
            aria-invalid={problems.tracking ? true : undefined}
            aria-describedby={problems.tracking ? `${id}-tracking-error` : undefined}
            onChange={(event) => setTracking(event.target.value)}
          />
          {problems.tracking ? (
            <p id={`${id}-tracking-error`} className="field__error">
              {problems.tracking}
            </p>
          ) : null}
        </div>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-description`}>
          What did you pack?
        </label>
        <textarea
          id={`${id}-description`}
          className="field__input"
          rows={3}
          value={description}
          maxLength={DESCRIPTION_MAX}
          placeholder="e.g. Both items in the original box, sealed with tape."
          aria-invalid={problems.description ? true : undefined}
          aria-describedby={problems.description ? `${id}-description-error` : undefined}
          onChange={(event) => setDescription(event.target.value)}
        />
        {problems.description ? (
          <p id={`${id}-description-error`} className="field__error">
            {problems.description}
          </p>
        ) : null}
      </div>
      <EvidencePicker kind="SHIPMENT_EVIDENCE" label="Photos of the packed goods" files={photos} onChange={setPhotos} progress={progress} disabled={loading} />
      {problems.photos ? (
        <p className="field__error" data-testid="shipment-photos-error">
          {problems.photos}
        </p>
      ) : null}
      <SubmitRow serverError={failure ? problemOf(failure) : undefined} loading={loading}>
        Confirm shipment
      </SubmitRow>
    </form>
  );
}
