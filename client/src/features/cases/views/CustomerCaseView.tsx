import { Link } from 'react-router';
import type { Viewer } from '../../../app/auth/viewer';
import type { CaseDetail_CaseFragment } from '../../../gql/graphql';
import { CaseDocumentsCard } from '../../evidence/CaseDocumentsCard';
import { CaseFacts } from '../components/CaseFacts';
import { CaseHeader } from '../components/CaseHeader';
import { MessageThread } from '../components/MessageThread';
import { RefundPanel } from '../components/RefundPanel';
import { ReturnLabelCard } from '../components/ReturnLabelCard';
import { ShipmentForm } from '../components/ShipmentForm';
import { StatusTracker } from '../components/StatusTracker';
import { Timeline } from '../components/Timeline';
import { TrackingCard } from '../components/TrackingCard';
import { TransitionActions } from '../components/TransitionActions';
import { caseProblem } from '../hooks/case-problem';
import { useCaseAction } from '../hooks/useCaseAction';
import { customerNextStep } from '../next-steps';

/** /customer/:caseId: where the return stands, what happens next, and what the customer can do about it. */
export function CustomerCaseView({ rc, viewer, onReload }: { rc: CaseDetail_CaseFragment; viewer: Viewer; onReload: () => void }) {
  const action = useCaseAction({ caseId: rc.id, version: rc.version, role: viewer.role });
  const problem = caseProblem(action.error);
  const next = customerNextStep(rc);
  const waitingOnMe = rc.status === 'WAITING_CUSTOMER';
  const canShip = rc.availableTransitions.some((t) => t.operation === 'confirmReturnShipment');
  const refundStage = ['INSPECTED', 'REFUND_PENDING', 'REFUND_FAILED', 'REFUNDED'].includes(rc.status);

  return (
    <div className="page case-page" data-testid="customer-case">
      <title>{`Return ${rc.number} · ReturnHub`}</title>
      <Link className="back-link" to="/customer">
        ← Your returns
      </Link>
      <CaseHeader returnCase={rc} eyebrow="Your return" />
      <section className="card card__body" aria-label="Progress">
        <StatusTracker returnCase={rc} />
      </section>
      <section className={`card next-step${waitingOnMe || rc.status === 'REJECTED' || rc.status === 'APPROVED' ? ' next-step--action' : ''}`} aria-labelledby="next-step-title" data-testid="next-step">
        <div className="card__body stack">
          <div>
            <p className="eyebrow">What happens next</p>
            <h2 id="next-step-title" className="next-step__title">
              {next.title}
            </h2>
            <p className="next-step__text">{next.text}</p>
            {rc.decisionReason && (rc.status === 'REJECTED' || rc.status === 'CLOSED' || rc.status === 'DISPUTED') ? (
              <blockquote className="case-facts__quote next-step__quote">{rc.decisionReason}</blockquote>
            ) : null}
          </div>
          {rc.availableTransitions.length > 0 ? (
            <TransitionActions transitions={rc.availableTransitions} role={viewer.role} pendingTo={action.pendingTo} serverError={problem?.message} onRun={action.run} />
          ) : null}
          {problem?.code === 'CONFLICT' ? (
            <div>
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => {
                  action.clearError();
                  onReload();
                }}
              >
                Reload
              </button>
            </div>
          ) : null}
        </div>
      </section>
      {rc.status === 'APPROVED' || rc.status === 'IN_TRANSIT' ? (
        <ReturnLabelCard returnCase={rc}>
          {canShip ? <ShipmentForm caseId={rc.id} version={rc.version} defaultCarrier={rc.labelCarrier} defaultTracking={rc.labelTrackingNumber} title="2. Handed it to the carrier? Confirm the shipment" /> : null}
        </ReturnLabelCard>
      ) : null}
      {refundStage ? <RefundPanel returnCase={rc} /> : null}
      <div className="case-layout">
        <div className="case-layout__main">
          <MessageThread
            returnCase={rc}
            viewer={viewer}
            hint={waitingOnMe ? 'Your reply answers the question and sends the return back to review.' : `${rc.merchant.name} and the ReturnHub returns team see these messages.`}
          />
          <CaseFacts returnCase={rc} audience="customer" />
          <CaseDocumentsCard returnCase={rc} role={viewer.role} />
        </div>
        <div className="case-layout__side">
          <TrackingCard returnCase={rc} />
          <Timeline returnCase={rc} role={viewer.role} />
        </div>
      </div>
    </div>
  );
}
