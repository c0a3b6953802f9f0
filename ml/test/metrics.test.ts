import { describe, expect, it } from 'vitest';
import { brierScore, calibrationTable, logLoss, rocAuc } from '../src/index.js';
import { classificationMetrics, expectedCalibrationError, rocCurve } from '../src/training/metrics.js';

describe('ROC AUC', () => {
  it('counts tied scores as one half (hand-computed: 3.5 of 6 pairs)', () => {
    // positives score 0.9, 0.5, 0.5; negatives 0.9, 0.1
    // pairs: (.9,.9)=½ (.9,.1)=1 (.5,.9)=0 (.5,.1)=1 (.5,.9)=0 (.5,.1)=1 → 3.5 / 6
    expect(rocAuc([1, 0, 1, 0, 1], [0.9, 0.9, 0.5, 0.1, 0.5])).toBeCloseTo(7 / 12, 12);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one, ½ when everything ties', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4])).toBe(1);
    expect(rocAuc([1, 1, 0, 0], [0.1, 0.2, 0.3, 0.4])).toBe(0);
    expect(rocAuc([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
  });

  it('is NaN with a single class', () => {
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN();
  });

  it('agrees with the area under the ROC curve, ties drawn as diagonals', () => {
    const labels = [1, 0, 1, 0];
    const scores = [0.8, 0.8, 0.6, 0.2];
    const curve = rocCurve(labels, scores);
    expect(curve).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 0.5, tpr: 0.5 },
      { fpr: 0.5, tpr: 1 },
      { fpr: 1, tpr: 1 },
    ]);
    let area = 0;
    for (let i = 1; i < curve.length; i += 1) area += ((curve[i].fpr - curve[i - 1].fpr) * (curve[i].tpr + curve[i - 1].tpr)) / 2;
    expect(rocAuc(labels, scores)).toBeCloseTo(area, 12);
    expect(area).toBeCloseTo(0.625, 12);
  });
});

describe('log loss and Brier score', () => {
  it('match hand-computed values', () => {
    // −(ln 0.8 + ln 0.6) / 2 and ((0.8 − 1)² + 0.4²) / 2
    expect(logLoss([1, 0], [0.8, 0.4])).toBeCloseTo((0.2231435513142097 + 0.5108256237659907) / 2, 12);
    expect(brierScore([1, 0], [0.8, 0.4])).toBeCloseTo(0.1, 12);
  });

  it('clips certain-and-wrong predictions instead of returning Infinity', () => {
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-15), 6);
    expect(brierScore([1], [0])).toBe(1);
  });

  it('rejects mismatched or empty inputs', () => {
    expect(() => logLoss([1, 0], [0.5])).toThrow(RangeError);
    expect(() => brierScore([], [])).toThrow(RangeError);
  });
});

describe('calibration table', () => {
  const labels = [0, 1, 0, 1, 1, 0];
  const scores = [0.05, 0.15, 0.12, 0.95, 1.0, 0.5];

  it('bins by predicted probability with counts, means and observed rates', () => {
    const table = calibrationTable(labels, scores);
    expect(table).toHaveLength(10);
    expect(table[0]).toMatchObject({ lower: 0, upper: 0.1, count: 1, meanPredicted: 0.05, observedRate: 0 });
    expect(table[1].count).toBe(2);
    expect(table[1].meanPredicted).toBeCloseTo(0.135, 12);
    expect(table[1].observedRate).toBe(0.5);
    expect(table[5]).toMatchObject({ count: 1, meanPredicted: 0.5, observedRate: 0 });
    // a score of exactly 1 falls in the last bin
    expect(table[9].count).toBe(2);
    expect(table[9].meanPredicted).toBeCloseTo(0.975, 12);
    expect(table[9].observedRate).toBe(1);
    for (const b of [2, 3, 4, 6, 7, 8]) expect(table[b]).toMatchObject({ count: 0, meanPredicted: null, observedRate: null });
  });

  it('gives the count-weighted expected calibration error', () => {
    // (1·0.05 + 2·0.365 + 1·0.5 + 2·0.025) / 6
    expect(expectedCalibrationError(calibrationTable(labels, scores))).toBeCloseTo(1.33 / 6, 12);
  });

  it('summarises everything in classificationMetrics', () => {
    const m = classificationMetrics(labels, scores);
    expect(m).toMatchObject({ n: 6, positives: 3, baseRate: 0.5 });
    expect(m.auc).toBeCloseTo(rocAuc(labels, scores), 12);
  });
});
