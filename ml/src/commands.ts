import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DatasetError } from './dataset/csv.js';
import { ContractError } from './features/contract.js';
import { DEFAULT_PATHS, displayPath } from './paths.js';
import { evaluateVersion } from './pipeline/evaluate.js';
import { writeGeneratedDataset } from './pipeline/generate.js';
import { stderrProgress } from './pipeline/progress.js';
import { isValidVersion, trainAndRegister, TrainingError } from './pipeline/train.js';
import { activateModel, ModelRegistryError } from './registry/registry.js';
import { ArtifactError } from './scoring/artifact.js';
import { DEFAULT_GENERATOR_OPTIONS } from './dataset/generator.js';
import type { TrainingSettings } from './scoring/artifact.js';
import { DEFAULT_TRAINING_SETTINGS, SCORECARD_TRAINING_SETTINGS } from './training/trainer.js';

// The commands behind `npm run ml -- <command>`: generate, train, evaluate, activate, retrain, help.
// Progress goes to stderr, the outcome to stdout. main() returns 2 on bad usage, 1 when the work fails.

const USAGE = `Escalation-risk model commands

usage: npm run ml -- <command> [options]

  generate  [--rows N] [--seed S] [--out PATH]
            Write a deterministic synthetic training CSV (default ${DEFAULT_GENERATOR_OPTIONS.rows} rows, seed ${DEFAULT_GENERATOR_OPTIONS.seed},
            ${displayPath(DEFAULT_PATHS.dataset)}) with a profile report next to it.
  train     [--data PATH] [--version V] [--seed S] [--l2 X] [--model linear|scorecard] [--created-at ISO]
            Train on a CSV whose header matches the feature contract, evaluate on a seeded
            ${DEFAULT_TRAINING_SETTINGS.testFraction * 100} % held-out split (split seed ${DEFAULT_TRAINING_SETTINGS.splitSeed}), write ml/models/<V>.json and
            ml/reports/<V>/, and register V (not activated). Without --version, the same data and
            settings reproduce the registered version; otherwise the next escalation-lr-x.y.z
            (escalation-sc-x.y.z for --model scorecard: binned features, one weight per bin).
  evaluate  [--version V] [--data PATH]
            Score the held-out split again (or every row of --data) with V (default: active)
            and the heuristic; write ml/reports/<V>/evaluations/…/report.md.
  activate  <version> [--force --reason TEXT]
            Make a registered version the active one in the committed file registry (the
            release's default for a database with no active choice). Only a version that passed
            the gate against the active one (AUC +0.005 and Brier -0.001 against it and the
            heuristic on the same held-out rows), unless --force with a --reason (recorded).
            A running deployment's active model is in its database: activate it on the admin
            page or with the activateModel mutation.
  retrain   [--rows N] [--seed S] [--split-seed S] [--out PATH] [--version V] [--l2 X] [--model linear|scorecard]
            generate + train, and activate when the new version passes the gate
            (exit 1 and the active version unchanged when it does not).
  help      Show this text.
`;

class UsageError extends Error {}

type OptionKind = 'int' | 'number' | 'string' | 'flag';
type Spec = Record<string, OptionKind>;

interface ParsedArgs {
  options: Record<string, string | number>;
  positionals: string[];
}

function parseArgs(args: string[], spec: Spec, maxPositionals: number): ParsedArgs {
  const options: Record<string, string | number> = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      if (positionals.length >= maxPositionals) throw new UsageError(`unexpected argument "${arg}"`);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option --${name}`);
    if (kind === 'flag') {
      options[name] = 'yes';
      continue;
    }
    const raw = eq === -1 ? args[++i] : arg.slice(eq + 1);
    if (raw === undefined || raw === '') throw new UsageError(`--${name} needs a value`);
    if (kind === 'string') {
      options[name] = raw;
      continue;
    }
    const value = Number(raw);
    if (!Number.isFinite(value) || (kind === 'int' && !Number.isInteger(value))) {
      throw new UsageError(`--${name} must be ${kind === 'int' ? 'an integer' : 'a number'}, got "${raw}"`);
    }
    options[name] = value;
  }
  return { options, positionals };
}

function positiveInt(value: string | number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || value < 1) throw new UsageError(`--${name} must be a positive integer`);
  return value;
}

function versionOption(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isValidVersion(value)) throw new UsageError(`invalid --version "${String(value)}"`);
  return value;
}

function createdAtOption(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new UsageError(`--created-at must be an ISO date, got "${String(value)}"`);
  return `${date.toISOString().slice(0, 19)}Z`;
}

function trainingSettings(options: ParsedArgs['options'], seedOption: string): TrainingSettings {
  if (options.model !== undefined && options.model !== 'linear' && options.model !== 'scorecard') {
    throw new UsageError(`--model must be linear or scorecard, got "${String(options.model)}"`);
  }
  const settings = { ...(options.model === 'scorecard' ? SCORECARD_TRAINING_SETTINGS : DEFAULT_TRAINING_SETTINGS) };
  if (options[seedOption] !== undefined) settings.splitSeed = options[seedOption] as number;
  if (options.l2 !== undefined) {
    if ((options.l2 as number) < 0) throw new UsageError('--l2 must be >= 0');
    settings.l2 = options.l2 as number;
  }
  return settings;
}

function runGenerate(args: string[]): void {
  const { options } = parseArgs(args, { rows: 'int', seed: 'int', out: 'string' }, 0);
  const result = writeGeneratedDataset({
    rows: positiveInt(options.rows, 'rows', DEFAULT_GENERATOR_OPTIONS.rows),
    seed: (options.seed as number | undefined) ?? DEFAULT_GENERATOR_OPTIONS.seed,
    out: options.out ? resolve(String(options.out)) : DEFAULT_PATHS.dataset,
    progress: stderrProgress('generate'),
  });
  console.log(`${displayPath(result.path)}: ${result.rows.length} rows, sha256 ${result.sha256}`);
}

function runTrain(args: string[]): void {
  const { options } = parseArgs(args, { data: 'string', version: 'string', seed: 'int', l2: 'number', model: 'string', 'created-at': 'string' }, 0);
  // Usage first: a bad option is a usage error (exit 2) whether or not the data exists yet.
  const version = versionOption(options.version);
  const dataPath = options.data ? resolve(String(options.data)) : DEFAULT_PATHS.dataset;
  if (!existsSync(dataPath)) {
    throw new TrainingError(`${displayPath(dataPath)} not found${options.data ? '' : ': run `npm run ml -- generate` first'}`);
  }
  const { entry } = trainAndRegister({
    dataPath,
    version,
    createdAt: createdAtOption(options['created-at']),
    settings: trainingSettings(options, 'seed'),
    progress: stderrProgress('train'),
  });
  console.log(`trained ${entry.version} (not active; run \`npm run ml -- activate ${entry.version}\`): AUC ${entry.metrics.model.auc}, report ${entry.reportPath}`);
}

function runEvaluate(args: string[]): void {
  const { options } = parseArgs(args, { version: 'string', data: 'string' }, 0);
  const result = evaluateVersion({
    version: versionOption(options.version),
    dataPath: options.data ? resolve(String(options.data)) : undefined,
    progress: stderrProgress('evaluate'),
  });
  const m = result.evaluation.model.metrics;
  console.log(`${result.version}: AUC ${m.auc.toFixed(4)}, log loss ${m.logLoss.toFixed(4)}, Brier ${m.brier.toFixed(4)}; report ${displayPath(result.reportPath)}`);
  if (result.matchesRegistry === false) process.exitCode = 1;
}

function runActivate(args: string[]): void {
  const { options, positionals } = parseArgs(args, { force: 'flag', reason: 'string' }, 1);
  if (positionals.length !== 1) throw new UsageError('activate needs exactly one version');
  if (options.force && !options.reason) throw new UsageError('--force needs --reason "why"');
  const view = activateModel(positionals[0], {}, { force: Boolean(options.force), reason: options.reason as string | undefined });
  console.log(`active model in ${displayPath(DEFAULT_PATHS.registry)}: ${view.active}`);
  console.log('(a running deployment keeps its own choice in the database: activate there through the admin page or the activateModel mutation)');
}

function runRetrain(args: string[]): void {
  const { options } = parseArgs(
    args,
    { rows: 'int', seed: 'int', 'split-seed': 'int', out: 'string', version: 'string', l2: 'number', model: 'string', 'created-at': 'string' },
    0,
  );
  const out = options.out ? resolve(String(options.out)) : DEFAULT_PATHS.dataset;
  const settings = trainingSettings(options, 'split-seed');
  const version = versionOption(options.version);
  const createdAt = createdAtOption(options['created-at']);
  const progress = stderrProgress('retrain');
  progress('1/3 generate');
  const dataset = writeGeneratedDataset({
    rows: positiveInt(options.rows, 'rows', DEFAULT_GENERATOR_OPTIONS.rows),
    seed: (options.seed as number | undefined) ?? DEFAULT_GENERATOR_OPTIONS.seed,
    out,
    progress: stderrProgress('generate'),
  });
  progress('2/3 train');
  const { entry, reproduced } = trainAndRegister({
    dataPath: out,
    csv: dataset.csv,
    version,
    createdAt,
    settings,
    progress: stderrProgress('train'),
  });
  progress('3/3 activate');
  const gate = entry.metrics.gate;
  if (!reproduced && gate && !gate.passed) {
    console.log(`trained ${entry.version}, NOT activated: ${gate.failures.join('; ')}; report ${entry.reportPath}`);
    process.exitCode = 1;
    return;
  }
  activateModel(entry.version);
  console.log(
    `active model: ${entry.version}${reproduced ? ' (reproduced the registered artifact exactly)' : ''}; held-out AUC ${entry.metrics.model.auc} vs heuristic ${entry.metrics.heuristic.auc}; report ${entry.reportPath}`,
  );
}

const COMMANDS: Record<string, (args: string[]) => void> = {
  generate: runGenerate,
  train: runTrain,
  evaluate: runEvaluate,
  activate: runActivate,
  retrain: runRetrain,
};

const KNOWN_FAILURES = [TrainingError, DatasetError, ContractError, ArtifactError, ModelRegistryError];

export function main(argv: string[]): number {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`error: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const started = Date.now();
  try {
    run(args);
    process.stderr.write(`[${command}] done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\nrun \`npm run ml -- help\` for usage\n`);
      return 2;
    }
    if (KNOWN_FAILURES.some((kind) => error instanceof kind) || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}
