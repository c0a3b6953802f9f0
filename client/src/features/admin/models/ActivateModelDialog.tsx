import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { Badge } from '../../../components/Badge';
import { Dialog } from '../../../components/Dialog';
import { Spinner } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { ModelRegistryQuery } from '../../../gql/graphql';
import { describeApiError } from '../../../lib/errors';

const ActivateModelDocument = graphql(`
  mutation ActivateModel($version: String!, $force: Boolean!, $reason: String) {
    activateModel(version: $version, force: $force, reason: $reason) {
      active
      scoringWith
    }
  }
`);

type Version = ModelRegistryQuery['models']['versions'][number];
const MAX_REASON = 500;

const ROWS: ReadonlyArray<{ key: 'auc' | 'brier' | 'logLoss'; label: string; higherIsBetter: boolean }> = [
  { key: 'auc', label: 'ROC AUC', higherIsBetter: true },
  { key: 'brier', label: 'Brier score', higherIsBetter: false },
  { key: 'logLoss', label: 'Log loss', higherIsBetter: false },
];

/** Candidate and active version side by side, each on its own held-out split (the gate compares them on the same rows). */
function SideBySide({ candidate, active }: { candidate: Version; active: Version | null }) {
  return (
    <table className="case-table" data-testid="model-side-by-side">
      <caption className="visually-hidden">Candidate and active version, held-out metrics</caption>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col">
            Candidate <span className="mono">{candidate.version}</span>
          </th>
          <th scope="col">{active ? <>Active <span className="mono">{active.version}</span></> : 'No active version'}</th>
          <th scope="col">Heuristic</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map((row) => (
          <tr key={row.key}>
            <th scope="row">
              {row.label} <span className="field__hint">({row.higherIsBetter ? 'higher' : 'lower'} is better)</span>
            </th>
            <td className="tabular">{candidate.metrics[row.key].toFixed(3)}</td>
            <td className="tabular">{active ? active.metrics[row.key].toFixed(3) : '–'}</td>
            <td className="tabular">{candidate.heuristicMetrics[row.key].toFixed(3)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the gate said when the candidate was trained, and whether it still applies to the version active now. */
function GateVerdict({ candidate, activeVersion }: { candidate: Version; activeVersion: string | null }) {
  const gate = candidate.gate;
  if (!gate) return <p data-testid="gate-verdict">No gate record: this version was trained before the gate. Activating it needs a reason.</p>;
  const current = gate.against === activeVersion;
  const passes = gate.passed && current;
  return (
    <div data-testid="gate-verdict">
      <p>
        <Badge tone={passes ? 'success' : 'warning'}>{passes ? 'Gate passed' : 'Gate not passed'}</Badge> On {gate.rows.toLocaleString('en')} held-out
        rows against {gate.against ?? 'the heuristic alone'}: AUC {gate.candidate.auc.toFixed(3)}
        {gate.active ? ` vs ${gate.active.auc.toFixed(3)}` : ''}, Brier {gate.candidate.brier.toFixed(3)}
        {gate.active ? ` vs ${gate.active.brier.toFixed(3)}` : ''} (needs AUC +{gate.margin.auc} and Brier −{gate.margin.brier} against the active model and
        the heuristic).
      </p>
      {!current ? <p>It was compared with {gate.against ?? 'no active model'}, but {activeVersion ?? 'none'} is active now.</p> : null}
      {gate.failures.length > 0 ? (
        <ul>
          {gate.failures.map((failure) => (
            <li key={failure}>{failure}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Compares a candidate with the active version and activates it: through the gate, or forced with a recorded reason. */
export function ActivateModelDialog({ candidate, active, onClose }: { candidate: Version; active: Version | null; onClose: () => void }) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [activate, activation] = useMutation(ActivateModelDocument, { refetchQueries: ['ModelRegistry'], awaitRefetchQueries: true });
  const gatePasses = Boolean(candidate.gate?.passed && candidate.gate.against === (active?.version ?? null));
  const force = !gatePasses;
  const missingReason = force && reason.trim() === '';
  const submit = () =>
    void activate({ variables: { version: candidate.version, force, reason: force ? reason.trim() : null } })
      .then(onClose)
      .catch(() => undefined);

  return (
    <Dialog
      title={`Activate ${candidate.version}?`}
      description="New scores (at case creation, on every change, and on rescore) will come from this version. Scores already recorded keep the version that produced them."
      busy={activation.loading}
      onClose={() => {
        activation.reset();
        onClose();
      }}
      footer={
        <>
          <button type="button" className="button button--secondary" onClick={onClose} disabled={activation.loading}>
            Keep the current model
          </button>
          <button type="button" className="button button--primary" disabled={activation.loading || missingReason} onClick={submit}>
            {activation.loading ? <Spinner size="sm" /> : null}
            {force ? 'Force activation' : `Activate ${candidate.version}`}
          </button>
        </>
      }
    >
      <div className="stack">
        <SideBySide candidate={candidate} active={active} />
        <GateVerdict candidate={candidate} activeVersion={active?.version ?? null} />
        {force ? (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-reason`}>
              Reason for activating without the gate (recorded with the activation)
            </label>
            <textarea id={`${id}-reason`} className="field__input" rows={3} maxLength={MAX_REASON} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
        ) : null}
        {activation.error ? (
          <p className="field__error" role="alert">
            {describeApiError(activation.error).message}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
