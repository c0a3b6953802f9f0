import { RiskBadge } from '../../../components/Badge';
import { Spinner } from '../../../components/PageState';
import { graphql, getFragmentData, type FragmentType } from '../../../gql';
import { formatDateTime } from '../../../lib/dates';
import { describeApiError } from '../../../lib/errors';
import { useRescore } from '../hooks/useRescore';

export const RiskPanelFragment = graphql(`
  fragment RiskPanel_case on ReturnCase {
    id
    risk @include(if: $staff) {
      id
      score
      label
      modelVersion
      scoredAt
      reasonCodes {
        code
        text
        contribution
      }
    }
  }
`);

const METER_TONE = { LOW: 'success', MEDIUM: 'warning', HIGH: 'danger' } as const;

/** The escalation-risk score with the reasons behind it and the model that gave it (ops and admins only). */
export function RiskPanel({ returnCase }: { returnCase: FragmentType<typeof RiskPanelFragment> }) {
  const rc = getFragmentData(RiskPanelFragment, returnCase);
  const { rescore, pending, error } = useRescore(rc.id);
  const risk = rc.risk;
  const strongest = Math.max(0, ...(risk?.reasonCodes.map((r) => r.contribution) ?? []));
  return (
    <section className="card risk-panel" aria-labelledby="risk-title" data-testid="risk-panel">
      <div className="card__header">
        <h2 id="risk-title" className="card__title">
          Escalation risk
        </h2>
        <button type="button" className="button button--secondary button--small" onClick={rescore} disabled={pending}>
          {pending ? <Spinner size="sm" /> : null}
          {pending ? 'Scoring…' : 'Rescore'}
        </button>
      </div>
      <div className="card__body risk-panel__body">
        {risk ? (
          <>
            <div className="risk-panel__score">
              <span className="risk-panel__number tabular" data-testid="risk-score">
                {Math.round(risk.score * 100)}
                <span className="risk-panel__unit">/100</span>
              </span>
              <RiskBadge label={risk.label} />
            </div>
            <div
              className={`meter meter--${METER_TONE[risk.label] ?? 'neutral'}`}
              role="meter"
              aria-label="Probability of escalation"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(risk.score * 100)}
            >
              <span className="meter__fill" style={{ width: `${(risk.score * 100).toFixed(1)}%` }} />
            </div>
            {risk.reasonCodes.length > 0 ? (
              <>
                <h3 className="risk-panel__subtitle">Why</h3>
                <ul className="reason-list">
                  {risk.reasonCodes.map((reason) => (
                    <li key={reason.code} className="reason-list__item">
                      <div className="reason-list__head">
                        <span>{reason.text}</span>
                        <span className="reason-list__value tabular">+{reason.contribution.toFixed(2)}</span>
                      </div>
                      <span className="reason-list__track" aria-hidden="true">
                        <span className="reason-list__bar" style={{ width: `${strongest > 0 ? Math.max(4, (reason.contribution / strongest) * 100) : 0}%` }} />
                      </span>
                      <span className="reason-list__code mono">{reason.code}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="muted">No strong risk drivers.</p>
            )}
            <p className="risk-panel__model">
              Model <span className="mono">{risk.modelVersion}</span> · scored {formatDateTime(risk.scoredAt)}
            </p>
          </>
        ) : (
          <p className="muted">This case has not been scored yet. Rescore it to see its escalation risk.</p>
        )}
        {error ? (
          <p className="field__error" role="alert">
            {describeApiError(error).message}
          </p>
        ) : null}
      </div>
    </section>
  );
}
