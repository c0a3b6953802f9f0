import type { ClassificationMetrics } from '../training/metrics.js';

// The gate before activation: a candidate replaces the active model only when, on the candidate's own held-out
// rows, it beats both the active model and the placeholder heuristic by a stated margin in AUC and in Brier
// score. Computed once when a version is first trained and recorded in its registry entry (`metrics.gate`); the
// CLI and the server's activateModel read the record. Anything else needs --force (force: true) and a reason.

/** AUC at least 0.005 higher and Brier score at least 0.001 lower than each of the active model and the heuristic. */
export const GATE_MARGIN = { auc: 0.005, brier: 0.001 } as const;

export interface GateScores {
  auc: number;
  brier: number;
}

export interface GateRecord {
  /** The version that was active when the candidate was trained (null: none was). */
  against: string | null;
  /** Held-out rows all three were scored on. */
  rows: number;
  candidate: GateScores;
  /** Null when there was no active model, or it could not score these rows (another contract version). */
  active: GateScores | null;
  heuristic: GateScores;
  margin: GateScores;
  passed: boolean;
  /** Why it did not pass (empty when it passed). */
  failures: string[];
}

const r6 = (x: number): number => Number(x.toFixed(6));
const scores = (m: ClassificationMetrics): GateScores => ({ auc: r6(m.auc), brier: r6(m.brier) });

function beats(candidate: GateScores, other: GateScores, name: string): string[] {
  const failures: string[] = [];
  if (!(candidate.auc >= other.auc + GATE_MARGIN.auc)) failures.push(`AUC ${candidate.auc} is not ${GATE_MARGIN.auc} above ${name}'s ${other.auc}`);
  if (!(candidate.brier <= other.brier - GATE_MARGIN.brier)) failures.push(`Brier ${candidate.brier} is not ${GATE_MARGIN.brier} below ${name}'s ${other.brier}`);
  return failures;
}

/**
 * The gate's verdict on one set of held-out rows. `active` is the active model's metrics on the same rows,
 * null with `activeProblem` when it could not score them, null without when nothing was active.
 */
export function gateRecord(input: {
  against: string | null;
  candidate: ClassificationMetrics;
  active: ClassificationMetrics | null;
  heuristic: ClassificationMetrics;
  activeProblem?: string;
}): GateRecord {
  const candidate = scores(input.candidate);
  const heuristic = scores(input.heuristic);
  const active = input.active ? scores(input.active) : null;
  const failures = [...beats(candidate, heuristic, 'the heuristic')];
  if (active) failures.push(...beats(candidate, active, `the active model ${input.against}`));
  else if (input.against) failures.push(`the active model ${input.against} could not be compared: ${input.activeProblem ?? 'unknown reason'}`);
  return { against: input.against, rows: input.candidate.n, candidate, active, heuristic, margin: { ...GATE_MARGIN }, passed: failures.length === 0, failures };
}

/**
 * Whether `gate` allows activating its version while `activeNow` is active: it must have passed against that very
 * version (or against none, when none is active). Returns the refusal's text, or null when it may be activated.
 */
export function gateRefusal(version: string, gate: GateRecord | null | undefined, activeNow: string | null): string | null {
  if (!gate) return `${version} has no gate record (trained before the gate, or its metrics are incomplete)`;
  if (gate.against !== activeNow) {
    return `${version} was compared with ${gate.against ?? 'no active model'}, but ${activeNow ?? 'none'} is active now`;
  }
  if (!gate.passed) return `${version} did not pass the gate: ${gate.failures.join('; ')}`;
  return null;
}

/** The activation's recorded reason when the gate let it through. */
export function gatePassedReason(gate: GateRecord): string {
  const vs = gate.active ? ` and ${gate.against} (AUC ${gate.active.auc}, Brier ${gate.active.brier})` : '';
  return `passed the gate on ${gate.rows} held-out rows: AUC ${gate.candidate.auc}, Brier ${gate.candidate.brier} against the heuristic (AUC ${gate.heuristic.auc}, Brier ${gate.heuristic.brier})${vs}`;
}
