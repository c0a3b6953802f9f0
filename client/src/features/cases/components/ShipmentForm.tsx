import './journey.css';
import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { SubmitRow } from '../../../components/SubmitRow';
import { graphql } from '../../../gql';
import { evictCaseLists } from '../hooks/case-cache';
import { caseProblem } from '../hooks/case-problem';

const ConfirmShipmentDocument = graphql(`
  mutation ConfirmReturnShipment($id: ID!, $carrier: String!, $trackingNumber: String!, $expectedVersion: Int, $staff: Boolean!) {
    confirmReturnShipment(id: $id, carrier: $carrier, trackingNumber: $trackingNumber, expectedVersion: $expectedVersion) {
      id
      ...CaseDetail_case
    }
  }
`);

// The server's rules (fulfilment.service.ts), checked here first so the person sees them as they type.
const CARRIER = /^[\p{L}\p{N}][\p{L}\p{N} .&'-]{0,59}$/u;
const TRACKING = /^[A-Za-z0-9][A-Za-z0-9 -]{2,79}$/;
const tidy = (text: string) => text.trim().replace(/\s+/g, ' ');

export function shipmentProblems(carrier: string, tracking: string): { carrier?: string; tracking?: string } {
  const problems: { carrier?: string; tracking?: string } = {};
  if (!CARRIER.test(tidy(carrier))) problems.carrier = "Name the carrier (1 to 60 letters, digits, spaces or . & ' -).";
  if (!TRACKING.test(tidy(tracking))) problems.tracking = 'A tracking number has 3 to 80 letters, digits, spaces or dashes.';
  return problems;
}

/**
 * The customer (or ops for them) says the parcel is on its way: carrier and tracking number, prefilled from the
 * prepaid label when there is one. APPROVED → IN_TRANSIT.
 */
export function ShipmentForm({
  caseId,
  version,
  staff,
  defaultCarrier,
  defaultTracking,
  title = 'Confirm the shipment',
}: {
  caseId: string;
  version: number;
  staff: boolean;
  defaultCarrier?: string | null;
  defaultTracking?: string | null;
  title?: string;
}) {
  const id = useId();
  const [carrier, setCarrier] = useState(defaultCarrier ?? '');
  const [tracking, setTracking] = useState(defaultTracking ?? '');
  const [touched, setTouched] = useState(false);
  const [mutate, { loading, error, reset }] = useMutation(ConfirmShipmentDocument, { update: (cache) => evictCaseLists(cache) });
  const problems = touched ? shipmentProblems(carrier, tracking) : {};
  const server = caseProblem(error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    const found = shipmentProblems(carrier, tracking);
    if (found.carrier || found.tracking || loading) return;
    reset();
    void mutate({ variables: { id: caseId, carrier: tidy(carrier), trackingNumber: tidy(tracking), expectedVersion: version, staff } }).catch(() => undefined);
  };

  return (
    <form className="journey-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`} data-testid="shipment-form">
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
      <SubmitRow serverError={server?.message} loading={loading}>
        Confirm shipment
      </SubmitRow>
    </form>
  );
}
