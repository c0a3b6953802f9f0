import { Badge } from '../../../components/Badge';
import type { ModelRegistryQuery } from '../../../gql/graphql';

type Drift = NonNullable<ModelRegistryQuery['models']['drift']>;

/** Population stability index of the score and of each feature: the last 30 days against the training data. */
export function DriftPanel({ drift }: { drift: Drift | null }) {
  const rows = drift ? [drift.score, ...drift.features] : [];
  const warnings = rows.filter((r) => r.warning).length;
  return (
    <section className="card" aria-labelledby="drift-title" data-testid="drift-panel">
      <div className="card__header">
        <h2 id="drift-title" className="card__title">
          Drift {drift ? <span className="mono">{drift.version}</span> : null}
        </h2>
        <span className="field__hint">
          {drift
            ? `${drift.cases.toLocaleString('en')} cases scored in the last 30 days against the training data; PSI above 0.2 is a warning`
            : 'No cases scored by the active version in the last 30 days (or it has no training reference).'}
        </span>
      </div>
      {drift ? (
        <div className="card__body">
          <p>{warnings > 0 ? <Badge tone="warning">{`${warnings} drifting`}</Badge> : <Badge tone="success">Stable</Badge>}</p>
          <table className="case-table">
            <caption className="visually-hidden">Population stability index per feature and for the score</caption>
            <thead>
              <tr>
                <th scope="col">Feature</th>
                <th scope="col">PSI</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.name}>
                  <th scope="row" className="mono">
                    {r.name}
                  </th>
                  <td className="tabular">{r.psi.toFixed(3)}</td>
                  <td>{r.warning ? <Badge tone="warning">Warning</Badge> : 'ok'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
