import { Link } from 'react-router';
import type { Viewer } from '../../../app/auth/viewer';
import type { CaseDetail_CaseFragment } from '../../../gql/graphql';
import { isActiveStatus } from '../../../lib/case-status';
import { useNow } from '../../../lib/use-now';
import { CaseDocumentsCard } from '../../evidence/CaseDocumentsCard';
import { InspectionCompare } from '../../evidence/InspectionCompare';
import { AuditExportCard } from '../components/AuditExportCard';
import { AssigneeControl, PriorityControl, SlaClock } from '../components/CaseControls';
import { CaseFacts } from '../components/CaseFacts';
import { CaseHeader } from '../components/CaseHeader';
import { CaseProblem, ReloadCaseButton } from '../components/CaseProblem';
import { InspectionForm } from '../components/InspectionForm';
import { InternalNotes } from '../components/InternalNotes';
import { MessageThread } from '../components/MessageThread';
import { PartiesCard } from '../components/PartiesCard';
import { RefundPanel } from '../components/RefundPanel';
import { RiskPanel } from '../components/RiskPanel';
import { RulesAppliedCard } from '../components/RulesAppliedCard';
import { CustomerCreditCard } from '../../store-credit/CustomerCreditCard';
import { ShipmentForm } from '../components/ShipmentForm';
import { Timeline } from '../components/Timeline';
import { TrackingCard } from '../components/TrackingCard';
import { TransitionActions } from '../components/TransitionActions';
import { FORM_OPERATIONS } from '../case-copy';
import { caseProblem } from '../hooks/case-problem';
import { useCaseAction } from '../hooks/useCaseAction';
import { useAssignCase, useSetPriority } from '../hooks/useCaseEdits';

/** /ops/:caseId: everything an ops agent needs to move a case on, on one page. */
export function OpsWorkspace({ rc, viewer, onReload }: { rc: CaseDetail_CaseFragment; viewer: Viewer; onReload: () => void }) {
  const now = useNow();
  const action = useCaseAction({ caseId: rc.id, version: rc.version, role: viewer.role });
  const priority = useSetPriority(rc);
  const assignment = useAssignCase(rc);
  const editError = priority.error ?? assignment.error;
  const actionProblem = caseProblem(action.error);
  const canShip = rc.availableTransitions.some((t) => t.operation === 'confirmReturnShipment');
  const canInspect = rc.availableTransitions.some((t) => t.operation === 'recordInspection');
  const hasButtons = rc.availableTransitions.some((t) => !FORM_OPERATIONS.has(t.operation));
  const atWarehouse = rc.receivedAt !== null && rc.receivedAt !== undefined;

  return (
    <div className="page case-page" data-testid="ops-workspace">
      <title>{`${rc.number} · Ops workspace · ReturnHub`}</title>
      <Link className="back-link" to="/ops">
        ← Back to the queue
      </Link>
      <CaseHeader returnCase={rc} eyebrow="Ops workspace" aside={<SlaClock status={rc.status} slaDueAt={rc.slaDueAt} slaBreached={rc.slaBreached} now={now} />}>
        <PriorityControl priority={rc.priority} pending={priority.pending} onChange={priority.setPriority} />
        <AssigneeControl assignee={rc.assignee} viewer={viewer} pending={assignment.pending} onAssign={assignment.assign} />
      </CaseHeader>
      <CaseProblem
        error={editError}
        onReload={() => {
          priority.reset();
          assignment.reset();
          onReload();
        }}
      />
      <section className="card" aria-labelledby="actions-title">
        <div className="card__header">
          <h2 id="actions-title" className="card__title">
            Move this case on
          </h2>
          <span className="field__hint">Version {rc.version}</span>
        </div>
        <div className="card__body">
          {(canShip || canInspect) && !hasButtons ? null : (
            <TransitionActions
              transitions={rc.availableTransitions}
              role={viewer.role}
              pendingTo={action.pendingTo}
              serverError={actionProblem?.message}
              onRun={action.run}
              emptyText={isActiveStatus(rc.status) ? 'Nothing for you to do right now: the next step belongs to the customer, the merchant or the payment provider.' : 'This case is closed: nothing more can happen to it.'}
            />
          )}
          {canShip ? <ShipmentForm caseId={rc.id} version={rc.version} defaultCarrier={rc.labelCarrier} defaultTracking={rc.labelTrackingNumber} /> : null}
          {canInspect ? <InspectionForm returnCase={rc} staff /> : null}
          {actionProblem?.code === 'CONFLICT' ? (
            <ReloadCaseButton
              onReload={() => {
                action.clearError();
                onReload();
              }}
            />
          ) : null}
        </div>
      </section>
      {atWarehouse ? <InspectionCompare returnCase={rc} inspectionNotes={rc.inspectionNotes} inspectedAt={rc.inspectedAt} /> : null}
      <div className="case-layout">
        <div className="case-layout__main">
          <CaseFacts returnCase={rc} />
          <CaseDocumentsCard returnCase={rc} role={viewer.role} shownElsewhere={atWarehouse ? ['EVIDENCE', 'INSPECTION'] : []} />
        </div>
        <div className="case-layout__side">
          <RefundPanel returnCase={rc} staff />
          <RiskPanel returnCase={rc} />
          <RulesAppliedCard caseId={rc.id} currency={rc.currency} />
          <TrackingCard returnCase={rc} />
          <PartiesCard customer={rc.customer} merchant={rc.merchant} />
          <CustomerCreditCard customerId={rc.customer.id} role={viewer.role} />
        </div>
      </div>
      <div className="threads">
        <MessageThread returnCase={rc} viewer={viewer} />
        <InternalNotes returnCase={rc} viewer={viewer} />
      </div>
      <div className="case-layout">
        <div className="case-layout__main">
          <Timeline returnCase={rc} role={viewer.role} />
        </div>
        <div className="case-layout__side">
          <AuditExportCard caseId={rc.id} />
        </div>
      </div>
    </div>
  );
}
