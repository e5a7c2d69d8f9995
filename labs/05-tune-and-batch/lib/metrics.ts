/**
 * Evaluation of a multiclass classifier: the confusion matrix, and per class the precision, recall and F1
 * (one class against the rest), plus accuracy and macro-F1 (the plain mean of the per-class F1, so a small
 * class counts as much as a large one).
 */

/** `matrix[actual][predicted]`: how many rows of class `actual` were predicted as `predicted`. */
export type ConfusionMatrix = readonly (readonly number[])[];

export interface ClassScores {
  /** Of the rows predicted as this class, the share that are: TP / (TP + FP). */
  readonly precision: number;
  /** Of the rows of this class, the share found: TP / (TP + FN). */
  readonly recall: number;
  readonly f1: number;
  /** Rows of this class (the support). */
  readonly support: number;
}

export interface Evaluation {
  readonly matrix: ConfusionMatrix;
  readonly perClass: readonly ClassScores[];
  readonly accuracy: number;
  readonly macroF1: number;
}

export function confusionMatrix(actual: readonly number[], predicted: readonly number[], classes: number): number[][] {
  if (actual.length !== predicted.length) {
    throw new Error(`Got ${predicted.length} predictions for ${actual.length} rows.`);
  }
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  actual.forEach((a, i) => {
    const p = predicted[i];
    if (!isClass(a, classes) || !isClass(p, classes)) {
      throw new Error(`Row ${i + 1}: class ${a} / prediction ${p} is not one of 0-${classes - 1}.`);
    }
    matrix[a][p]++;
  });
  return matrix;
}

/** The scores of a confusion matrix; a rate with a zero denominator is NaN (and so is a macro-F1 over it). */
export function evaluate(matrix: ConfusionMatrix): Evaluation {
  const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : a / b);
  const classes = matrix.length;
  const total = matrix.flat().reduce((a, b) => a + b, 0);
  const perClass = Array.from({ length: classes }, (_, c) => {
    const tp = matrix[c][c];
    const predicted = matrix.reduce((sum, row) => sum + row[c], 0);
    const support = matrix[c].reduce((a, b) => a + b, 0);
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    return { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  const correct = matrix.reduce((sum, row, c) => sum + row[c], 0);
  return {
    matrix,
    perClass,
    accuracy: ratio(correct, total),
    macroF1: perClass.reduce((sum, s) => sum + s.f1, 0) / classes,
  };
}

function isClass(value: number, classes: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < classes;
}

export interface ScoredRow {
  readonly label: number;
  readonly prediction: number;
}

/**
 * One line of the batch transform's output: the input row (label first, then `features` values, as
 * JoinSource=Input appends the prediction to it) and the prediction. With `multi:softmax` the prediction
 * is the class index ("2.0"); a list of class probabilities ("[0.1, 0.2, 0.7]" or "0.1,0.2,0.7") is read
 * as its most likely class.
 */
export function parseOutputLine(line: string, features: number, classes: number): ScoredRow {
  const values = line.replace(/[[\]]/g, '').split(',').map((v) => v.trim()).filter((v) => v !== '').map(Number);
  const prediction = values.slice(features + 1);
  if (values.some((v) => Number.isNaN(v)) || (prediction.length !== 1 && prediction.length !== classes)) {
    throw new Error(`Not a joined output row (label, ${features} features, prediction): "${line.slice(0, 200)}"`);
  }
  const predicted = prediction.length === 1 ? Math.round(prediction[0]) : prediction.indexOf(Math.max(...prediction));
  return { label: values[0], prediction: predicted };
}
