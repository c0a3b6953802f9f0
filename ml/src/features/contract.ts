import { readFileSync } from 'node:fs';
import { DEFAULT_PATHS } from '../paths.js';
import type { CaseFeatureSource } from '../types.js';

// The feature contract (ml/contracts/return_case_features.json) is the single source of truth for
// the raw inputs, the model's features, their transforms and their reason codes. This module reads
// and checks it, and compiles the transforms into plain functions once.

export type InputType = 'integer' | 'number' | 'boolean' | 'enum';
export type FeatureType = 'numeric' | 'boolean' | 'categorical_one_hot';
export type SourceField = keyof CaseFeatureSource;

export interface ContractInput {
  name: SourceField;
  type: InputType;
  min?: number;
  max?: number;
  values?: string[];
  description: string;
}

export type FeatureTransform =
  | { op: 'log1p'; divideBy?: number }
  | { op: 'clip'; min: number; max: number }
  | { op: 'ratio'; min: number; max: number }
  | { op: 'one_hot'; category: string }
  | { op: 'indicator' }
  | { op: 'less_than'; threshold: number };

export interface ContractReason {
  code: string;
  text: string;
}

export interface ContractFeature {
  name: string;
  type: FeatureType;
  source: SourceField[];
  transform: FeatureTransform;
  formula: string;
  description: string;
  reasons: { high?: ContractReason; low?: ContractReason };
}

export interface FeatureContract {
  name: string;
  version: string;
  target: { name: string; type: 'boolean'; description: string };
  inputs: ContractInput[];
  features: ContractFeature[];
}

export class ContractError extends Error {
  override readonly name = 'ContractError';
}

const INPUT_TYPES: readonly string[] = ['integer', 'number', 'boolean', 'enum'];
const FEATURE_TYPES: readonly string[] = ['numeric', 'boolean', 'categorical_one_hot'];
const CODE_PATTERN = /^[A-Z][A-Z0-9_]*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function checkTransform(feature: ContractFeature, inputs: Map<string, ContractInput>): string | null {
  const t = feature.transform as unknown;
  if (!isRecord(t)) return 'transform must be an object';
  const sourceTypes = feature.source.map((s) => inputs.get(s)?.type);
  const numericSources = sourceTypes.every((s) => s === 'integer' || s === 'number');
  switch (t.op) {
    case 'log1p':
      if (t.divideBy !== undefined && !(finite(t.divideBy) && t.divideBy > 0)) return 'log1p.divideBy must be > 0';
      return feature.source.length === 1 && numericSources ? null : 'log1p needs one numeric source';
    case 'clip':
      if (!finite(t.min) || !finite(t.max) || t.min >= t.max) return 'clip needs min < max';
      return feature.source.length === 1 && numericSources ? null : 'clip needs one numeric source';
    case 'ratio':
      if (!finite(t.min) || !finite(t.max) || t.min >= t.max) return 'ratio needs min < max';
      return feature.source.length === 2 && numericSources ? null : 'ratio needs two numeric sources';
    case 'one_hot': {
      const input = inputs.get(feature.source[0] ?? '');
      if (feature.source.length !== 1 || input?.type !== 'enum') return 'one_hot needs one enum source';
      return input.values?.includes(String(t.category)) ? null : `one_hot category "${String(t.category)}" is not a value of ${input.name}`;
    }
    case 'indicator':
      return feature.source.length === 1 && sourceTypes[0] === 'boolean' ? null : 'indicator needs one boolean source';
    case 'less_than':
      if (!finite(t.threshold)) return 'less_than needs a numeric threshold';
      return feature.source.length === 1 && numericSources ? null : 'less_than needs one numeric source';
    default:
      return `unknown transform op "${String(t.op)}"`;
  }
}

/** Checks the shape of a parsed contract; throws ContractError listing every problem. */
export function validateContract(raw: unknown): FeatureContract {
  const problems: string[] = [];
  if (!isRecord(raw)) throw new ContractError('feature contract must be a JSON object');
  if (typeof raw.version !== 'string' || !/^\d+\.\d+\.\d+$/.test(raw.version)) problems.push('version must be "x.y.z"');
  if (!Array.isArray(raw.inputs) || raw.inputs.length === 0) problems.push('inputs must be a non-empty array');
  if (!Array.isArray(raw.features) || raw.features.length === 0) problems.push('features must be a non-empty array');
  if (problems.length > 0) throw new ContractError(`invalid feature contract: ${problems.join('; ')}`);

  const inputs = new Map<string, ContractInput>();
  for (const input of raw.inputs as ContractInput[]) {
    if (!isRecord(input) || typeof input.name !== 'string') { problems.push('every input needs a name'); continue; }
    if (inputs.has(input.name)) problems.push(`duplicate input ${input.name}`);
    if (!INPUT_TYPES.includes(input.type)) problems.push(`input ${input.name}: unknown type ${String(input.type)}`);
    if (input.type === 'enum' && !(Array.isArray(input.values) && input.values.length > 0)) problems.push(`input ${input.name}: enum needs values`);
    inputs.set(input.name, input);
  }
  const names = new Set<string>();
  const codes = new Set<string>();
  for (const feature of raw.features as ContractFeature[]) {
    if (!isRecord(feature) || typeof feature.name !== 'string') { problems.push('every feature needs a name'); continue; }
    const where = `feature ${feature.name}`;
    if (names.has(feature.name)) problems.push(`duplicate ${where}`);
    names.add(feature.name);
    if (!FEATURE_TYPES.includes(feature.type)) problems.push(`${where}: unknown type ${String(feature.type)}`);
    if (!Array.isArray(feature.source) || feature.source.some((s) => !inputs.has(s))) {
      problems.push(`${where}: every source must be an input`);
      continue;
    }
    const transformProblem = checkTransform(feature, inputs);
    if (transformProblem) problems.push(`${where}: ${transformProblem}`);
    for (const side of ['high', 'low'] as const) {
      const reason = isRecord(feature.reasons) ? feature.reasons[side] : undefined;
      if (reason === undefined) continue;
      if (!CODE_PATTERN.test(reason.code) || typeof reason.text !== 'string' || reason.text === '') {
        problems.push(`${where}: reasons.${side} needs an UPPER_SNAKE code and a text`);
      } else if (codes.has(reason.code)) {
        problems.push(`${where}: reason code ${reason.code} is used twice`);
      } else {
        codes.add(reason.code);
      }
    }
  }
  if (problems.length > 0) throw new ContractError(`invalid feature contract: ${problems.join('; ')}`);
  return raw as unknown as FeatureContract;
}

export function loadContract(path: string = DEFAULT_PATHS.contract): FeatureContract {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ContractError(`cannot read feature contract ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ContractError(`feature contract ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return validateContract(parsed);
}

let defaultContract: FeatureContract | undefined;

/** The committed contract, read once per process. */
export function defaultFeatureContract(): FeatureContract {
  defaultContract ??= loadContract();
  return defaultContract;
}

export type FeatureExtractor = (src: CaseFeatureSource) => number;

// Non-finite numbers (a NULL that slipped through as NaN) count as 0, so a score is always a number.
function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function clip(x: number, min: number, max: number): number {
  return x < min ? min : x > max ? max : x;
}

// One accessor per field: each property read has its own call site, which keeps scoring fast
// (a shared `src[name]` read would see every field name and go megamorphic).
const FIELD: { [K in SourceField]: (src: CaseFeatureSource) => CaseFeatureSource[K] } = {
  orderTotalMinor: (s) => s.orderTotalMinor,
  refundAmountMinor: (s) => s.refundAmountMinor,
  itemsReturned: (s) => s.itemsReturned,
  reason: (s) => s.reason,
  returnType: (s) => s.returnType,
  daysFromDeliveryToRequest: (s) => s.daysFromDeliveryToRequest,
  customerPriorReturns: (s) => s.customerPriorReturns,
  customerPriorRejected: (s) => s.customerPriorRejected,
  customerPriorDisputed: (s) => s.customerPriorDisputed,
  merchantRejectionRate: (s) => s.merchantRejectionRate,
  evidenceCount: (s) => s.evidenceCount,
  hasVideo: (s) => s.hasVideo,
  descriptionLength: (s) => s.descriptionLength,
  priority: (s) => s.priority,
  slaHoursLeft: (s) => s.slaHoursLeft,
  productCategory: (s) => s.productCategory,
};

function compileFeature(feature: ContractFeature): FeatureExtractor {
  const a: (src: CaseFeatureSource) => unknown = FIELD[feature.source[0]];
  const b: (src: CaseFeatureSource) => unknown = FIELD[feature.source[1] ?? feature.source[0]];
  const t = feature.transform;
  switch (t.op) {
    case 'log1p': {
      const divideBy = t.divideBy ?? 1;
      return (src) => Math.log1p(Math.max(0, num(a(src))) / divideBy);
    }
    case 'clip': {
      const { min, max } = t;
      return (src) => clip(num(a(src)), min, max);
    }
    case 'ratio': {
      const { min, max } = t;
      return (src) => {
        const den = num(b(src));
        return den > 0 ? clip(num(a(src)) / den, min, max) : 0;
      };
    }
    case 'one_hot': {
      const category = t.category;
      return (src) => (a(src) === category ? 1 : 0);
    }
    case 'indicator':
      return (src) => (a(src) === true ? 1 : 0);
    case 'less_than': {
      const threshold = t.threshold;
      return (src) => (num(a(src)) < threshold ? 1 : 0);
    }
  }
}

/** One function per contract feature, in contract order. */
export function compileFeatures(contract: FeatureContract): FeatureExtractor[] {
  return contract.features.map(compileFeature);
}

/** Every reason code the contract defines, with the feature it belongs to. */
export function contractReasonCodes(contract: FeatureContract): Map<string, { feature: string; text: string }> {
  const codes = new Map<string, { feature: string; text: string }>();
  for (const feature of contract.features) {
    for (const reason of [feature.reasons.high, feature.reasons.low]) {
      if (reason) codes.set(reason.code, { feature: feature.name, text: reason.text });
    }
  }
  return codes;
}
