import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Badge } from '../../../components/Badge';
import { BarList } from '../../../components/charts/BarList';
import { ErrorState, LoadingState } from '../../../components/PageState';
import { AdminTable, ListCard, ListStates, type Column } from '../components/AdminTable';
import { graphql } from '../../../gql';
import type { ModelRegistryQuery } from '../../../gql/graphql';
import { formatDate } from '../../../lib/dates';
import { ActivateModelDialog } from './ActivateModelDialog';
import { DriftPanel } from './DriftPanel';
import { ReliabilityChart } from './ReliabilityChart';

export const ModelRegistryDocument = graphql(`
  query ModelRegistry {
    models {
      active
      scoringWith
      versions {
        version
        contractVersion
        createdAt
        active
        trainingRows
        trainingDataSha256
        activatedAt
        activatedBy
        activationReason
        aucInterval { low high }
        calibration { lower upper count meanPredicted observedRate }
        topFeatures { name coefficient }
        brierInterval { low high }
        gate {
          against
          rows
          passed
          failures
          candidate { auc brier }
          active { auc brier }
          heuristic { auc brier }
          margin { auc brier }
        }
        metrics {
          auc
          logLoss
          brier
          ece
          n
          baseRate
        }
        heuristicMetrics {
          auc
          logLoss
          brier
          ece
          n
          baseRate
        }
      }
      unreadable {
        version
        problem
      }
      drift {
        version
        cases
        score { name psi warning }
        features { name psi warning }
      }
    }
  }
`);

type Version = ModelRegistryQuery['models']['versions'][number];
type MetricKey = 'auc' | 'logLoss' | 'brier';

const METRICS: ReadonlyArray<{ key: MetricKey; label: string; higherIsBetter: boolean; hint: string }> = [
  { key: 'auc', label: 'ROC AUC', higherIsBetter: true, hint: 'higher is better' },
  { key: 'logLoss', label: 'Log loss', higherIsBetter: false, hint: 'lower is better' },
  { key: 'brier', label: 'Brier score', higherIsBetter: false, hint: 'lower is better' },
];

/** The model's figure next to the placeholder heuristic's on the same held-out split, with who wins. */
function MetricCell({ version, metric }: { version: Version; metric: (typeof METRICS)[number] }) {
  const model = version.metrics[metric.key];
  const heuristic = version.heuristicMetrics[metric.key];
  const better = metric.higherIsBetter ? model > heuristic : model < heuristic;
  const delta = model - heuristic;
  const interval = metric.key === 'auc' ? version.aucInterval : metric.key === 'brier' ? version.brierInterval : null;
  return (
    <span className="metric-cell">
      <span className="metric-cell__model tabular">{model.toFixed(3)}</span>
      <span className={`metric-cell__delta tabular ${better ? 'metric-cell__delta--better' : 'metric-cell__delta--worse'}`}>
        {better ? 'Better' : 'Worse'} by {Math.abs(delta).toFixed(3)}
      </span>
      <span className="metric-cell__base tabular">heuristic {heuristic.toFixed(3)}</span>
      {interval ? (
        <span className="metric-cell__base tabular" title="95 % bootstrap confidence interval on the held-out split">
          95 % CI {interval.low.toFixed(3)}–{interval.high.toFixed(3)}
        </span>
      ) : null}
    </span>
  );
}

/** The active version against the heuristic, metric by metric, as bars (the table has the exact figures). */
function MetricComparison({ version }: { version: Version }) {
  return (
    <section className="card" aria-labelledby="compare-title">
      <div className="card__header">
        <h2 id="compare-title" className="card__title">
          <span className="mono">{version.version}</span> against the heuristic
        </h2>
        <span className="field__hint">Held-out split of {version.metrics.n.toLocaleString('en')} cases, {Math.round(version.metrics.baseRate * 100)}% escalated</span>
      </div>
      <div className="card__body metric-compare" data-testid="metric-comparison">
        {METRICS.map((m) => {
          const model = version.metrics[m.key];
          const heuristic = version.heuristicMetrics[m.key];
          const better = m.higherIsBetter ? model > heuristic : model < heuristic;
          return (
            <div key={m.key}>
              <h3 className="metric-compare__title">
                {m.label} <span className="metric-compare__hint">({m.hint})</span>
              </h3>
              <BarList
                label={`${m.label}: model against heuristic`}
                max={Math.max(model, heuristic) * 1.1}
                bars={[
                  { key: 'model', label: 'Model', value: model, display: model.toFixed(3), tone: better ? 'success' : 'warning' },
                  { key: 'heuristic', label: 'Heuristic', value: heuristic, display: heuristic.toFixed(3), tone: 'neutral' },
                ]}
              />
            </div>
          );
        })}
        {version.topFeatures.length > 0 ? (
          <div>
            <h3 className="metric-compare__title">
              Top features <span className="metric-compare__hint">(log-odds per standard deviation)</span>
            </h3>
            <ol className="top-features" data-testid="top-features">
              {version.topFeatures.map((f) => (
                <li key={f.name}>
                  <span className="mono">{f.name}</span> <span className="tabular">{f.coefficient >= 0 ? '+' : ''}{f.coefficient.toFixed(2)}</span>
                </li>
              ))}
            </ol>
          </div>
        ) : null}
        {version.calibration ? (
          <div>
            <h3 className="metric-compare__title">Reliability</h3>
            <ReliabilityChart bins={version.calibration} version={version.version} />
          </div>
        ) : null}
      </div>
    </section>
  );
}

/** The versions table: one column per headline metric, between the version and its training data. */
function versionColumns(onActivate: (v: Version) => void): Column<Version>[] {
  return [
    {
      header: 'Version',
      className: 'case-table__case',
      cell: (v) => (
        <>
          <span className="model-table__version">
            <span className="mono">{v.version}</span>
            {v.active ? <Badge tone="success">Active</Badge> : null}
          </span>
          <span className="case-table__detail">
            Trained {formatDate(v.createdAt)} · contract {v.contractVersion}
          </span>
          {v.active && v.activatedAt ? (
            <span className="case-table__detail">
              Activated {formatDate(v.activatedAt)}
              {v.activatedBy ? ` by ${v.activatedBy}` : ''}
            </span>
          ) : null}
          {v.active && v.activationReason ? <span className="case-table__detail">Why: {v.activationReason}</span> : null}
        </>
      ),
    },
    ...METRICS.map((m) => ({ header: m.label, cell: (v: Version) => <MetricCell version={v} metric={m} /> })),
    {
      header: 'Training data',
      cell: (v) => (
        <>
          <span className="tabular">{v.trainingRows.toLocaleString('en')} rows</span>
          <span className="case-table__detail mono" title={v.trainingDataSha256}>
            sha256 {v.trainingDataSha256.slice(0, 12)}…
          </span>
        </>
      ),
    },
    {
      header: 'Actions',
      hiddenHeader: true,
      className: 'admin-table__action',
      cell: (v) =>
        v.active ? (
          <span className="muted">In use</span>
        ) : (
          <button type="button" className="button button--secondary button--small" onClick={() => onActivate(v)} aria-haspopup="dialog">
            Activate…<span className="visually-hidden"> {v.version}</span>
          </button>
        ),
    },
  ];
}

/** The model registry (in the database): each version's held-out metrics against the heuristic, and which one scores cases. */
export function ModelRegistryPanel() {
  const { data, loading, error, refetch } = useQuery(ModelRegistryDocument, { fetchPolicy: 'cache-and-network' });
  const [confirming, setConfirming] = useState<Version | null>(null);

  if (!data && loading) return <LoadingState label="Loading the model registry…" />;
  if (!data) return <ErrorState title="The model registry could not be loaded" error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  const { models } = data;
  const fallback = models.active !== null && models.scoringWith !== models.active;
  const featured = models.versions.find((v) => v.active) ?? models.versions[0];

  return (
    <div className="stack-lg">
      <div className="kpi-grid kpi-grid--wide">
        <div className="stat-card stat-card--brand">
          <p className="stat-card__label">Active version</p>
          <p className="stat-card__value stat-card__value--text mono">{models.active ?? 'none'}</p>
        </div>
        <div className={`stat-card stat-card--${fallback ? 'danger' : 'success'}`}>
          <p className="stat-card__label">Scoring cases with</p>
          <p className="stat-card__value stat-card__value--text mono" data-testid="scoring-with">
            {models.scoringWith}
          </p>
          {fallback ? <p className="stat-card__hint">The active artifact could not be loaded; the heuristic scorer is standing in.</p> : null}
        </div>
      </div>
      {featured ? <MetricComparison version={featured} /> : null}
      <DriftPanel drift={models.drift ?? null} />
      <ListCard id="versions-title" title="Versions" count={`${models.versions.length} trained`}>
        <p className="card__body field__hint model-table__note">Metrics on the held-out split, each against the placeholder heuristic.</p>
        <ListStates hasData loading={false} onRetry={() => undefined} isEmpty={models.versions.length === 0} loadingLabel="" errorTitle="" empty={{ title: 'No trained models', body: 'Train one with `npm run ml -- train`.' }}>
          <AdminTable caption="Model versions with their metrics" columns={versionColumns(setConfirming)} rows={models.versions} rowKey={(v) => v.version} rowTestId="model-row" />
        </ListStates>
      </ListCard>
      {models.unreadable.length > 0 ? (
        <p className="field__error" role="alert" data-testid="unreadable-models">
          Not listed: {models.unreadable.map((u) => `${u.version} (${u.problem})`).join('; ')}.
        </p>
      ) : null}
      {confirming ? <ActivateModelDialog candidate={confirming} active={models.versions.find((v) => v.active) ?? null} onClose={() => setConfirming(null)} /> : null}
    </div>
  );
}
