import { sigmoid } from '../dataset/prng.js';

// L2-regularised logistic regression fitted by Newton's method (IRLS) with a fixed iteration cap.
// Objective: Σ log-loss + (l2 / 2)·‖w‖² — the intercept is not penalised. Starting from zero and
// using only ordered loops, the fit is fully deterministic.

export interface LogisticFitOptions {
  l2: number;
  maxIterations: number;
  /** Stop once no parameter moves more than this in one step. */
  tolerance: number;
  onIteration?: (event: { iteration: number; meanLogLoss: number; gradientNorm: number; maxStep: number }) => void;
}

export interface LogisticFit {
  intercept: number;
  weights: number[];
  iterations: number;
  converged: boolean;
  meanLogLoss: number;
}

/** x is row-major, n rows × p columns (already standardised); y holds 0/1. */
export function fitLogistic(x: Float64Array, y: ArrayLike<number>, p: number, options: LogisticFitOptions): LogisticFit {
  const n = y.length;
  if (x.length !== n * p) throw new RangeError('x must have n × p values');
  const d = p + 1; // parameter 0 is the intercept
  let beta = new Float64Array(d);
  let objective = objectiveAt(x, y, p, beta, options.l2);
  let iterations = 0;
  let converged = false;

  for (let it = 1; it <= options.maxIterations; it += 1) {
    iterations = it;
    const { gradient, hessian } = gradientAndHessian(x, y, p, beta, options.l2);
    const step = solveCholesky(hessian, gradient, d);
    // Newton step with halving: logistic loss is convex, so a halving always ends in an improvement.
    let scale = 1;
    let candidate = beta;
    let candidateObjective = objective;
    for (let halvings = 0; halvings < 30; halvings += 1) {
      candidate = beta.map((b, j) => b - scale * step[j]);
      candidateObjective = objectiveAt(x, y, p, candidate, options.l2);
      if (candidateObjective <= objective) break;
      scale /= 2;
    }
    let maxStep = 0;
    for (let j = 0; j < d; j += 1) maxStep = Math.max(maxStep, Math.abs(candidate[j] - beta[j]));
    beta = candidate;
    objective = candidateObjective;
    options.onIteration?.({
      iteration: it,
      meanLogLoss: meanLogLoss(x, y, p, beta),
      gradientNorm: Math.sqrt(gradient.reduce((s, g) => s + g * g, 0)),
      maxStep,
    });
    if (maxStep < options.tolerance) {
      converged = true;
      break;
    }
  }
  return {
    intercept: beta[0],
    weights: Array.from(beta.subarray(1)),
    iterations,
    converged,
    meanLogLoss: meanLogLoss(x, y, p, beta),
  };
}

function linear(x: Float64Array, row: number, p: number, beta: Float64Array): number {
  let z = beta[0];
  const offset = row * p;
  for (let j = 0; j < p; j += 1) z += beta[j + 1] * x[offset + j];
  return z;
}

// log(1 + e^z) − y·z, computed without overflow.
function pointLoss(z: number, y: number): number {
  return (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y * z;
}

function meanLogLoss(x: Float64Array, y: ArrayLike<number>, p: number, beta: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i += 1) sum += pointLoss(linear(x, i, p, beta), y[i]);
  return sum / y.length;
}

function objectiveAt(x: Float64Array, y: ArrayLike<number>, p: number, beta: Float64Array, l2: number): number {
  let penalty = 0;
  for (let j = 1; j <= p; j += 1) penalty += beta[j] * beta[j];
  return meanLogLoss(x, y, p, beta) * y.length + (l2 / 2) * penalty;
}

function gradientAndHessian(x: Float64Array, y: ArrayLike<number>, p: number, beta: Float64Array, l2: number) {
  const d = p + 1;
  const gradient = new Float64Array(d);
  const hessian = new Float64Array(d * d);
  const row = new Float64Array(d);
  row[0] = 1;
  for (let i = 0; i < y.length; i += 1) {
    const offset = i * p;
    for (let j = 0; j < p; j += 1) row[j + 1] = x[offset + j];
    const mu = sigmoid(linear(x, i, p, beta));
    const residual = mu - y[i];
    const weight = mu * (1 - mu);
    for (let a = 0; a < d; a += 1) {
      gradient[a] += residual * row[a];
      const wa = weight * row[a];
      for (let b = 0; b <= a; b += 1) hessian[a * d + b] += wa * row[b];
    }
  }
  for (let a = 0; a < d; a += 1) for (let b = 0; b < a; b += 1) hessian[b * d + a] = hessian[a * d + b];
  for (let j = 1; j < d; j += 1) {
    gradient[j] += l2 * beta[j];
    hessian[j * d + j] += l2;
  }
  return { gradient, hessian };
}

/** Solves A·s = b for a symmetric positive-definite A (d × d, row-major) by Cholesky. */
export function solveCholesky(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = a[i * d + j];
      for (let k = 0; k < j; k += 1) sum -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        // A tiny ridge keeps a (numerically) singular intercept block solvable.
        l[i * d + i] = Math.sqrt(Math.max(sum, 1e-12));
      } else {
        l[i * d + j] = sum / l[j * d + j];
      }
    }
  }
  const z = new Float64Array(d);
  for (let i = 0; i < d; i += 1) {
    let sum = b[i];
    for (let k = 0; k < i; k += 1) sum -= l[i * d + k] * z[k];
    z[i] = sum / l[i * d + i];
  }
  const s = new Float64Array(d);
  for (let i = d - 1; i >= 0; i -= 1) {
    let sum = z[i];
    for (let k = i + 1; k < d; k += 1) sum -= l[k * d + i] * s[k];
    s[i] = sum / l[i * d + i];
  }
  return s;
}
