/** One score bin of the held-out split: the mean predicted probability against the observed escalation rate. */
export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number | null;
  observedRate: number | null;
}

const SIZE = 220;
const PAD = 28;
const scale = (v: number) => PAD + v * (SIZE - 2 * PAD);

/**
 * The reliability (calibration) chart: a point per non-empty score bin at (mean predicted, observed rate), sized by
 * its cases; a perfectly calibrated model sits on the diagonal. The same figures are in a table for screen readers.
 */
export function ReliabilityChart({ bins, version }: { bins: ReliabilityBin[]; version: string }) {
  const filled = bins.filter((b) => b.meanPredicted !== null && b.observedRate !== null);
  const most = Math.max(1, ...filled.map((b) => b.count));
  return (
    <figure className="reliability" data-testid="reliability-chart">
      <svg width={SIZE} height={SIZE} viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-label={`Reliability of ${version} on its held-out split`}>
        <rect x={PAD} y={PAD} width={SIZE - 2 * PAD} height={SIZE - 2 * PAD} fill="none" stroke="currentColor" strokeOpacity={0.2} />
        <line x1={scale(0)} y1={SIZE - scale(0)} x2={scale(1)} y2={SIZE - scale(1)} stroke="currentColor" strokeOpacity={0.4} strokeDasharray="4 4" />
        {filled.map((b) => (
          <circle key={b.lower} cx={scale(b.meanPredicted!)} cy={SIZE - scale(b.observedRate!)} r={3 + 5 * Math.sqrt(b.count / most)} fill="currentColor" fillOpacity={0.6} />
        ))}
        <text x={SIZE / 2} y={SIZE - 6} textAnchor="middle" fontSize="11" fill="currentColor">
          predicted
        </text>
        <text x={10} y={SIZE / 2} textAnchor="middle" fontSize="11" fill="currentColor" transform={`rotate(-90 10 ${SIZE / 2})`}>
          observed
        </text>
      </svg>
      <table className="visually-hidden">
        <caption>Reliability of {version}: per score bin, cases, mean predicted and observed rate</caption>
        <thead>
          <tr>
            <th scope="col">Score bin</th>
            <th scope="col">Cases</th>
            <th scope="col">Mean predicted</th>
            <th scope="col">Observed</th>
          </tr>
        </thead>
        <tbody>
          {filled.map((b) => (
            <tr key={b.lower}>
              <th scope="row">
                {b.lower.toFixed(1)}–{b.upper.toFixed(1)}
              </th>
              <td>{b.count}</td>
              <td>{b.meanPredicted!.toFixed(3)}</td>
              <td>{b.observedRate!.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption className="field__hint">Reliability on the held-out split: on the dashed diagonal, predicted = observed.</figcaption>
    </figure>
  );
}
