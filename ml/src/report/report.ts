import type { FeatureContract } from '../features/contract.js';
import type { DatasetProvenance } from '../registry/registry.js';
import type { ModelArtifact } from '../scoring/artifact.js';
import type { AnyArtifact } from '../scoring/artifacts.js';
import type { ScorecardArtifact } from '../scoring/scorecard.js';
import { HEURISTIC_RULES } from '../scoring/heuristic.js';
import type { CalibrationBin, ClassificationMetrics } from '../training/metrics.js';
import type { Evaluation } from '../training/trainer.js';
import { BOOTSTRAP_ROUNDS } from '../training/intervals.js';
import { calibrationChart, rocChart } from './svg.js';

// Markdown reports with their SVG figures. No wall-clock times: a rerun writes the same bytes.

export type ReportFiles = {
  'report.md': string;
  'roc.svg': string;
  'calibration.svg': string;
};

const f4 = (x: number): string => (Number.isFinite(x) ? x.toFixed(4) : 'n/a');
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
const signed = (x: number): string => (x >= 0 ? `+${f4(x)}` : f4(x));

function metricsTable(model: ClassificationMetrics, heuristic: ClassificationMetrics): string {
  const rows: Array<[string, number, number, string]> = [
    ['ROC AUC', model.auc, heuristic.auc, 'higher is better'],
    ['Log loss', model.logLoss, heuristic.logLoss, 'lower is better'],
    ['Brier score', model.brier, heuristic.brier, 'lower is better'],
    ['Expected calibration error (10 bins)', model.ece, heuristic.ece, 'lower is better'],
  ];
  return [
    '| metric | model | placeholder heuristic | model − heuristic | |',
    '|---|---:|---:|---:|---|',
    ...rows.map(([name, m, h, note]) => `| ${name} | ${f4(m)} | ${f4(h)} | ${signed(m - h)} | ${note} |`),
  ].join('\n');
}

function calibrationRows(name: string, bins: CalibrationBin[]): string {
  return [
    `**${name}**`,
    '',
    '| bin | cases | mean predicted | observed rate |',
    '|---|---:|---:|---:|',
    ...bins.map(
      (b) =>
        `| ${b.lower.toFixed(1)}–${b.upper.toFixed(1)} | ${b.count} | ${b.meanPredicted === null ? '–' : f4(b.meanPredicted)} | ${
          b.observedRate === null ? '–' : f4(b.observedRate)
        } |`,
    ),
  ].join('\n');
}

function evaluationSections(artifact: AnyArtifact, evaluation: Evaluation, scope: string): string[] {
  const m = evaluation.model.metrics;
  const t = artifact.labelThresholds;
  const labelRow = (label: 'low' | 'medium' | 'high', range: string) => {
    const l = evaluation.labels[label];
    return `| ${label} | ${range} | ${l.count} | ${l.count ? pct(l.escalated / l.count) : '–'} |`;
  };
  return [
    `## Metrics (${scope}: ${m.n} cases, ${m.positives} escalated, base rate ${pct(m.baseRate)})`,
    '',
    metricsTable(m, evaluation.heuristic.metrics),
    '',
    `The model's AUC is **${signed(m.auc - evaluation.heuristic.metrics.auc)}** above the placeholder heuristic's on the same cases.`,
    '',
    `95 % bootstrap confidence intervals (${BOOTSTRAP_ROUNDS} resamples of these cases): model AUC ${f4(evaluation.model.intervals.auc.low)}–${f4(evaluation.model.intervals.auc.high)},`,
    `Brier ${f4(evaluation.model.intervals.brier.low)}–${f4(evaluation.model.intervals.brier.high)}; heuristic AUC ${f4(evaluation.heuristic.intervals.auc.low)}–${f4(evaluation.heuristic.intervals.auc.high)},`,
    `Brier ${f4(evaluation.heuristic.intervals.brier.low)}–${f4(evaluation.heuristic.intervals.brier.high)}.`,
    '',
    '![ROC curve](roc.svg)  ![Calibration curve](calibration.svg)',
    '',
    '## Risk labels',
    '',
    `Stored in the artifact: score < ${t.medium} → low, < ${t.high} → medium, otherwise high.`,
    '',
    '| label | score range | cases | escalated |',
    '|---|---|---:|---:|',
    labelRow('low', `[0, ${t.medium})`),
    labelRow('medium', `[${t.medium}, ${t.high})`),
    labelRow('high', `[${t.high}, 1]`),
    '',
    '## Calibration table',
    '',
    calibrationRows('Model', evaluation.model.calibration),
    '',
    calibrationRows('Placeholder heuristic', evaluation.heuristic.calibration),
  ];
}

function heuristicSection(): string[] {
  return [
    '## The placeholder heuristic',
    '',
    'What scoring falls back to when no model can be loaded: 0.10 plus fixed points, clipped to [0.02, 0.98].',
    '',
    '| rule (contract feature) | code | points |',
    '|---|---|---|',
    '| resolution deadline passed (`sla_breached`) | `SLA_BREACHED` | 0.25 |',
    '| priority urgent / high (`priority_urgent`, `priority_high`) | `PRIORITY_URGENT` / `PRIORITY_HIGH` | 0.15 / 0.08 |',
    '| each earlier dispute, at most 2 (`customer_prior_disputes_log`) | `CUSTOMER_PRIOR_DISPUTES` | 0.10 each |',
    '| no evidence (`no_evidence`) | `NO_EVIDENCE` | 0.10 |',
    '| order total ≥ 200.00 (`order_value_log`) | `HIGH_ORDER_VALUE` | 0.10 |',
    '',
    `(${HEURISTIC_RULES.length} rules, defined in \`ml/src/scoring/heuristic.ts\`.)`,
  ];
}

function figures(evaluation: Evaluation, scope: string): Omit<ReportFiles, 'report.md'> {
  return {
    'roc.svg': rocChart(
      [
        { name: 'model', data: { roc: evaluation.model.roc, auc: evaluation.model.metrics.auc } },
        { name: 'heuristic', data: { roc: evaluation.heuristic.roc, auc: evaluation.heuristic.metrics.auc } },
      ],
      scope,
    ),
    'calibration.svg': calibrationChart(
      [
        { name: 'model', data: evaluation.model.calibration },
        { name: 'heuristic', data: evaluation.heuristic.calibration },
      ],
      scope,
    ),
  };
}

export interface TrainingReportInput {
  artifact: AnyArtifact;
  contract: FeatureContract;
  provenance: DatasetProvenance;
  trainRows: number;
  iterations: number;
  converged: boolean;
  trainLogLoss: number;
  evaluation: Evaluation;
  /** The same training on a time-ordered split (older rows train, newer rows test). */
  timeOrdered: Evaluation;
}

function coefficientsSection(artifact: ModelArtifact, contract: FeatureContract): string[] {
  const byName = new Map(contract.features.map((f) => [f.name, f]));
  const ranked = [...artifact.features].sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient));
  return [
    '## Coefficients',
    '',
    `Intercept ${f4(artifact.intercept)}. A coefficient is the change in log-odds per standard deviation of its feature;`,
    'contribution to a score = coefficient × (value − mean) / std. Sorted by |coefficient|.',
    '',
    '| feature | transform | mean | std | coefficient | odds ×/sd | reason when high / low |',
    '|---|---|---:|---:|---:|---:|---|',
    ...ranked.map((f) => {
      const c = byName.get(f.name);
      const reasons = [c?.reasons.high?.code ?? '–', c?.reasons.low?.code ?? '–'].join(' / ');
      return `| \`${f.name}\` | ${c?.formula ?? ''} | ${f4(f.mean)} | ${f4(f.std)} | ${signed(f.coefficient)} | ${Math.exp(f.coefficient).toFixed(3)} | ${reasons} |`;
    }),
  ];
}

/** The scorecard's bins and points, features sorted by their range of points (largest first). */
function pointsSection(artifact: ScorecardArtifact, contract: FeatureContract): string[] {
  const byName = new Map(contract.features.map((f) => [f.name, f]));
  const range = (points: number[]) => Math.max(...points) - Math.min(...points);
  const ranked = [...artifact.features].sort((a, b) => range(b.points) - range(a.points));
  const bin = (edges: number[], k: number) =>
    k === 0 ? `≤ ${f4(edges[0])}` : k === edges.length ? `> ${f4(edges[k - 1])}` : `${f4(edges[k - 1])} – ${f4(edges[k])}`;
  return [
    '## Points',
    '',
    `Intercept ${f4(artifact.intercept)}. log-odds = intercept + the points of the case's bin of every feature; points are`,
    "relative to the training rows' average for that feature, so they are the reason codes' contributions. Sorted by range.",
    '',
    '| feature | transform | bins: points | reason when high / low |',
    '|---|---|---|---|',
    ...ranked.map((f) => {
      const c = byName.get(f.name);
      const reasons = [c?.reasons.high?.code ?? '–', c?.reasons.low?.code ?? '–'].join(' / ');
      const bins = f.edges.length === 0 ? 'one bin: 0' : f.points.map((p, k) => `${bin(f.edges, k)}: ${signed(p)}`).join('; ');
      return `| \`${f.name}\` | ${c?.formula ?? ''} | ${bins} | ${reasons} |`;
    }),
  ];
}

export function trainingReport(input: TrainingReportInput): ReportFiles {
  const { artifact, contract, provenance, evaluation, timeOrdered } = input;
  const s = artifact.training;
  const scorecard = artifact.format === 'returnhub-escalation-scorecard';
  const lines = [
    `# Escalation-risk model ${artifact.version}`,
    '',
    scorecard
      ? `Scorecard: each feature cut into at most ${s.maxBins} bins at its training quantiles, one weight per bin fitted by`
      : 'Logistic regression on standardised features with L2 regularisation, predicting whether a return case',
    scorecard
      ? 'L2-regularised logistic regression, predicting whether a return case escalates (dispute, missed SLA or manual escalation).'
      : 'escalates (dispute, missed SLA or manual escalation).',
    '',
    '| | |',
    '|---|---|',
    `| feature contract | \`${contract.name}\` ${artifact.contractVersion} (${artifact.features.length} features) |`,
    `| created at | ${artifact.createdAt} |`,
    `| training data | ${provenance.source}, ${provenance.rows} rows, sha256 \`${provenance.sha256}\` |`,
    provenance.generator
      ? `| regenerate data | \`npm run ml -- generate --rows ${provenance.generator.rows} --seed ${provenance.generator.seed}\` |`
      : '| regenerate data | not generated: keep the CSV to reproduce |',
    `| split | ${s.split === 'stratified' ? 'stratified by outcome, ' : ''}seed ${s.splitSeed}: ${input.trainRows} training rows, ${evaluation.model.metrics.n} held out (${pct(s.testFraction)}) |`,
    `| fit | Newton/IRLS, L2 = ${s.l2}, ${input.iterations} of at most ${s.maxIterations} iterations, ${
      input.converged ? 'converged' : 'stopped at the cap'
    }; training log loss ${f4(input.trainLogLoss)} |`,
    '',
    ...evaluationSections(artifact, evaluation, 'held-out'),
    '',
    `## Time-ordered split (trained on the older ${pct(1 - s.testFraction)} of the rows in file order, tested on the newer ${timeOrdered.model.metrics.n})`,
    '',
    'The database export writes closed cases oldest first, so this is "train on the past, test on the future";',
    'generated rows carry no time, so there it is one more split. Same settings, fitted again on the older part.',
    '',
    metricsTable(timeOrdered.model.metrics, timeOrdered.heuristic.metrics),
    '',
    ...(scorecard ? pointsSection(artifact, contract) : coefficientsSection(artifact, contract)),
    '',
    ...heuristicSection(),
    '',
  ];
  return { 'report.md': lines.join('\n'), ...figures(evaluation, 'held-out') };
}

export interface EvaluationReportInput {
  artifact: AnyArtifact;
  datasetDescription: string;
  scope: string;
  evaluation: Evaluation;
  registryComparison: string | null;
}

export function evaluationReport(input: EvaluationReportInput): ReportFiles {
  const lines = [
    `# Evaluation of ${input.artifact.version}`,
    '',
    `Data: ${input.datasetDescription}.`,
    ...(input.registryComparison ? ['', input.registryComparison] : []),
    '',
    ...evaluationSections(input.artifact, input.evaluation, input.scope),
    '',
    ...heuristicSection(),
    '',
  ];
  return { 'report.md': lines.join('\n'), ...figures(input.evaluation, input.scope) };
}
