import type { FeatureContract } from '../features/contract.js';
import type { ModelArtifact } from './artifact.js';
import { ARTIFACT_FORMAT, ArtifactError, readArtifactJson, validateArtifact } from './artifact.js';
import { LinearModelScorer } from './model-scorer.js';
import type { ScorecardArtifact } from './scorecard.js';
import { SCORECARD_FORMAT, ScorecardScorer, validateScorecardArtifact } from './scorecard.js';

// Both model families behind one door: the artifact's `format` says which one it is.

export type AnyArtifact = ModelArtifact | ScorecardArtifact;

/** Checks a parsed artifact of either family against the contract; throws ArtifactError saying what is wrong. */
export function validateAnyArtifact(raw: unknown, contract: FeatureContract): AnyArtifact {
  if (typeof raw !== 'object' || raw === null) throw new ArtifactError('artifact is not a JSON object');
  const format = (raw as { format?: unknown }).format;
  if (format === SCORECARD_FORMAT) return validateScorecardArtifact(raw, contract);
  if (format === ARTIFACT_FORMAT) return validateArtifact(raw, contract);
  throw new ArtifactError(`unsupported artifact format ${String(format)}@${String((raw as { formatVersion?: unknown }).formatVersion)}`);
}

export function readAnyArtifact(path: string, contract: FeatureContract): AnyArtifact {
  return validateAnyArtifact(readArtifactJson(path), contract);
}

/** The scorer of a validated artifact. */
export function scorerOf(artifact: AnyArtifact, contract: FeatureContract): LinearModelScorer | ScorecardScorer {
  return artifact.format === SCORECARD_FORMAT ? new ScorecardScorer(artifact, contract) : new LinearModelScorer(artifact, contract);
}
