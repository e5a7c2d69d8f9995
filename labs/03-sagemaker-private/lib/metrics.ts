/** Evaluation of a binary classifier, as the course teaches it: the confusion matrix and its rates. */

export interface ConfusionMatrix {
  /** Predicted 1, actually 1. */
  readonly truePositives: number;
  /** Predicted 1, actually 0. */
  readonly falsePositives: number;
  /** Predicted 0, actually 0. */
  readonly trueNegatives: number;
  /** Predicted 0, actually 1. */
  readonly falseNegatives: number;
}

export interface Scores {
  readonly accuracy: number;
  /** Of the predicted positives, how many are right: TP / (TP + FP). */
  readonly precision: number;
  /** Sensitivity: of the actual positives, how many were found: TP / (TP + FN). */
  readonly recall: number;
  /** Of the actual negatives, how many were found: TN / (TN + FP). */
  readonly specificity: number;
  /** Harmonic mean of precision and recall. */
  readonly f1: number;
}

export function confusionMatrix(actual: readonly number[], predicted: readonly number[]): ConfusionMatrix {
  if (actual.length !== predicted.length) {
    throw new Error(`Got ${predicted.length} predictions for ${actual.length} rows.`);
  }
  const count = (a: number, p: number) => actual.filter((v, i) => v === a && predicted[i] === p).length;
  return { truePositives: count(1, 1), falsePositives: count(0, 1), trueNegatives: count(0, 0), falseNegatives: count(1, 0) };
}

/** The rates of a confusion matrix; a rate with a zero denominator is NaN. */
export function scores(m: ConfusionMatrix): Scores {
  const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : a / b);
  const total = m.truePositives + m.falsePositives + m.trueNegatives + m.falseNegatives;
  const precision = ratio(m.truePositives, m.truePositives + m.falsePositives);
  const recall = ratio(m.truePositives, m.truePositives + m.falseNegatives);
  return {
    accuracy: ratio(m.truePositives + m.trueNegatives, total),
    precision,
    recall,
    specificity: ratio(m.trueNegatives, m.trueNegatives + m.falsePositives),
    f1: ratio(2 * precision * recall, precision + recall),
  };
}

/** Probabilities to classes: 1 at or above the threshold. */
export function classify(probabilities: readonly number[], threshold = 0.5): number[] {
  return probabilities.map((p) => (p >= threshold ? 1 : 0));
}

/**
 * The built-in XGBoost container answers text/csv with one probability per row, separated by commas
 * or newlines depending on the version.
 */
export function parsePredictions(body: string, expected: number): number[] {
  const values = body.split(/[,\n]/).map((v) => v.trim()).filter((v) => v !== '').map(Number);
  if (values.length !== expected || values.some((v) => Number.isNaN(v) || v < 0 || v > 1)) {
    throw new Error(`Expected ${expected} probabilities from the endpoint, got: ${body.slice(0, 200)}`);
  }
  return values;
}
