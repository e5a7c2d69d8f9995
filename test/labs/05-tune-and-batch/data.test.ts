import { CLASSES, FEATURES, generateDays, parseCsvLine, SPLITS, toCsvLine } from '../../../labs/05-tune-and-batch/lib/dataset';
import { generatedDataSetTests } from '../../helpers/data-set-checks';
import { DATA_DIR, renderDataSet, SPLIT_FILES } from '../../../labs/05-tune-and-batch/generate-data';
import { confusionMatrix, evaluate, parseOutputLine } from '../../../labs/05-tune-and-batch/lib/metrics';

describe('data set', () => {
  generatedDataSetTests({ dataDir: DATA_DIR, splitFiles: SPLIT_FILES, render: renderDataSet, generate: generateDays });

  test('is CSV with the class first and no header, as built-in XGBoost expects', () => {
    const lines = renderDataSet().train.trimEnd().split('\n');
    expect(lines).toHaveLength(SPLITS.train);
    for (const line of lines) {
      expect(line).toMatch(/^[012](,-?\d+(\.\d+)?){7}$/);
    }
    expect(parseCsvLine(lines[0])).toEqual(parseCsvLine(toCsvLine(parseCsvLine(lines[0]))));
    expect(() => parseCsvLine('3,1,2,3,4,5,6,7')).toThrow(/class 0-2 first/);
    expect(FEATURES).toHaveLength(7);
  });

  test('has three classes, each at least 15 % of the rows, and a signal the model can find', () => {
    const days = generateDays(SPLITS.train + SPLITS.validation + SPLITS.test);
    const share = (c: number, group = days) => group.filter((d) => d.label === c).length / group.length;
    for (const c of CLASSES.keys()) {
      expect(share(c)).toBeGreaterThan(0.15);
    }
    // Falling pressure should make rain much more likely.
    expect(share(2, days.filter((d) => d.features.pressure_change_3h < -3))).toBeGreaterThan(share(2) + 0.15);
  });
});

describe('metrics', () => {
  test('confusion matrix, per-class precision, recall and F1, accuracy and macro-F1', () => {
    // actual:    0 0 0 1 1 2 2 2
    // predicted: 0 0 1 1 2 2 2 0
    const m = confusionMatrix([0, 0, 0, 1, 1, 2, 2, 2], [0, 0, 1, 1, 2, 2, 2, 0], 3);
    expect(m).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [1, 0, 2],
    ]);
    const e = evaluate(m);
    expect(e.accuracy).toBeCloseTo(5 / 8);
    expect(e.perClass[0]).toEqual({ precision: 2 / 3, recall: 2 / 3, f1: expect.closeTo(2 / 3), support: 3 });
    expect(e.perClass[1].precision).toBeCloseTo(1 / 2);
    expect(e.perClass[1].recall).toBeCloseTo(1 / 2);
    expect(e.perClass[2].f1).toBeCloseTo(2 / 3);
    expect(e.macroF1).toBeCloseTo((2 / 3 + 1 / 2 + 2 / 3) / 3);
  });

  test('a class never predicted has no precision (NaN), not a crash; bad input is a clear error', () => {
    expect(evaluate(confusionMatrix([0, 1], [0, 0], 3)).perClass[1].precision).toBeNaN();
    expect(() => confusionMatrix([1], [1, 0], 3)).toThrow(/2 predictions for 1 rows/);
    expect(() => confusionMatrix([1], [5], 3)).toThrow(/not one of 0-2/);
  });

  test('reads a joined output row: the input row with its label, then the class or the class probabilities', () => {
    expect(parseOutputLine('2,1005.6,-1,62,13.8,11,18,5,2.0', 7, 3)).toEqual({ label: 2, prediction: 2 });
    expect(parseOutputLine('0,1032.4,0.6,68,14.7,10,31,6,[0.7, 0.2, 0.1]', 7, 3)).toEqual({ label: 0, prediction: 0 });
    expect(parseOutputLine('1,1,1,1,1,1,1,1,0.1,0.8,0.1', 7, 3)).toEqual({ label: 1, prediction: 1 });
    expect(() => parseOutputLine('1,2,3', 7, 3)).toThrow(/Not a joined output row/);
  });
});
