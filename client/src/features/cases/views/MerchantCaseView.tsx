import { Link } from 'react-router';
import type { Viewer } from '../../../app/auth/viewer';
import { ResponseDeadlineBadge } from '../../../components/SlaBadge';
import type { CaseDetail_CaseFragment } from '../../../gql/graphql';
import { AWAITING_MERCHANT } from '../../../lib/case-status';
import { formatDateTime } from '../../../lib/dates';
import { useNow } from '../../../lib/use-now';
import { DECISION_TARGETS, FORM_OPERATIONS } from '../case-copy';
import { CaseDocumentsCard } from '../../evidence/CaseDocumentsCard';
import { InspectionCompare } from '../../evidence/InspectionCompare';
import { CaseFacts } from '../components/CaseFacts';
import { InspectionForm } from '../components/InspectionForm';
import { RefundPanel } from '../components/RefundPanel';
import { CaseHeader } from '../components/CaseHeader';
import { ReloadCaseButton } from '../components/CaseProblem';
import { MessageThread } from '../components/MessageThread';
import { StatusTracker } from '../components/StatusTracker';
import { Timeline } from '../components/Timeline';
import { TrackingCard } from '../components/TrackingCard';
import { RulesAppliedCard } from '../components/RulesAppliedCard';
import { CustomerCreditCard } from '../../store-credit/CustomerCreditCard';
import { TransitionActions } from '../components/TransitionActions';
import { caseProblem } from '../hooks/case-problem';
import { useCaseAction } from '../hooks/useCaseAction';
import { merchantNextStep } from '../next-steps';

/** /merchant/:caseId: the merchant's decision on a return, within its response deadline. */
export function MerchantCaseView({ rc, viewer, onReload }: { rc: CaseDetail_CaseFragment; viewer: Viewer; onReload: () => void }) {
  const now = useNow();
  const action = useCaseAction({ caseId: rc.id, version: rc.version, role: viewer.role });
  const problem = caseProblem(action.error);
  const next = merchantNextStep(rc, now);
  const deciding = rc.availableTransitions.some((t) => DECISION_TARGETS.has(t.to));
  // Decisions first, then the other moves (start review, answer a follow-up…).
  const transitions = [...rc.availableTransitions].sort((a, b) => Number(DECISION_TARGETS.has(b.to)) - Number(DECISION_TARGETS.has(a.to)));
  const canInspect = rc.availableTransitions.some((t) => t.operation === 'recordInspection');
  const hasButtons = rc.availableTransitions.some((t) => !FORM_OPERATIONS.has(t.operation));
  const atWarehouse = rc.receivedAt !== null && rc.receivedAt !== undefined;
  const deadline = rc.merchantResponseDueAt && AWAITING_MERCHANT.has(rc.status) ? rc.merchantResponseDueAt : null;

  return (
    <div className="page case-page" data-testid="merchant-case">
      <title>{`${rc.number} · ReturnHub`}</title>
      <Link className="back-link" to="/merchant">
        ← All returns on your orders
      </Link>
      <CaseHeader
        returnCase={rc}
        eyebrow="Return on your order"
        aside={
          deadline ? (
            <div className="sla-clock">
              <span className="control__label">Respond by</span>
              <span className="sla-clock__date">{formatDateTime(deadline)}</span>
              <ResponseDeadlineBadge dueAt={deadline} now={now} />
            </div>
          ) : null
        }
      />
      <section className={`card next-step${deciding ? ' next-step--action' : ''}`} aria-labelledby="next-step-title" data-testid="decision-panel">
        <div className="card__body stack">
          <div>
            <h2 id="next-step-title" className="next-step__title">
              {next.title}
            </h2>
            <p className="next-step__text">{next.text}</p>
          </div>
          {canInspect && !hasButtons ? null : (
            <TransitionActions
              transitions={transitions}
              role={viewer.role}
              pendingTo={action.pendingTo}
              serverError={problem?.message}
              onRun={action.run}
              emptyText="Nothing to decide at this stage."
            />
          )}
          {canInspect ? <InspectionForm returnCase={rc} staff={false} /> : null}
          {problem?.code === 'CONFLICT' ? (
            <ReloadCaseButton
              onReload={() => {
                action.clearError();
                onReload();
              }}
            />
          ) : null}
        </div>
      </section>
      <div className="card card__body">
        <StatusTracker returnCase={rc} />
      </div>
      {atWarehouse ? <InspectionCompare returnCase={rc} inspectionNotes={rc.inspectionNotes} inspectedAt={rc.inspectedAt} /> : null}
      <div className="case-layout">
        <div className="case-layout__main">
          <CaseFacts returnCase={rc} />
          <CaseDocumentsCard returnCase={rc} role={viewer.role} shownElsewhere={atWarehouse ? ['EVIDENCE', 'INSPECTION'] : []} />
          <MessageThread returnCase={rc} viewer={viewer} />
        </div>
        <div className="case-layout__side">
          {rc.inspectedAt ? <RefundPanel returnCase={rc} /> : null}
          <RulesAppliedCard caseId={rc.id} currency={rc.currency} />
          <TrackingCard returnCase={rc} />
          <CustomerCreditCard customerId={rc.customer.id} role={viewer.role} />
          <Timeline returnCase={rc} role={viewer.role} />
        </div>
      </div>
    </div>
  );
}
