import { FEATURES, generatePeople, parseCsvLine, SPLITS, toCsvLine } from '../../../labs/03-sagemaker-private/lib/dataset';
import { generatedDataSetTests } from '../../helpers/data-set-checks';
import { DATA_DIR, renderDataSet, SPLIT_FILES } from '../../../labs/03-sagemaker-private/generate-data';
import { classify, confusionMatrix, parsePredictions, scores } from '../../../labs/03-sagemaker-private/lib/metrics';

describe('data set', () => {
  generatedDataSetTests({ dataDir: DATA_DIR, splitFiles: SPLIT_FILES, render: renderDataSet, generate: generatePeople });

  test('is CSV with the label first and no header, as built-in XGBoost expects', () => {
    const lines = renderDataSet().train.trimEnd().split('\n');
    expect(lines).toHaveLength(SPLITS.train);
    for (const line of lines) {
      expect(line).toMatch(/^[01](,-?\d+(\.\d+)?){8}$/);
    }
    expect(parseCsvLine(lines[0])).toEqual(parseCsvLine(toCsvLine(parseCsvLine(lines[0]))));
    expect(() => parseCsvLine('age,hours')).toThrow(/label first/);
  });

  test('is reasonably balanced and learnable', () => {
    const people = generatePeople(SPLITS.train + SPLITS.validation + SPLITS.test);
    const share = people.filter((p) => p.label === 1).length / people.length;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.65);
    // Allergies should make dogs much less likely: a signal the model can find.
    const dogs = (group: typeof people) => group.filter((p) => p.label === 1).length / group.length;
    expect(dogs(people.filter((p) => p.features.allergic_to_dogs === 1))).toBeLessThan(dogs(people) - 0.2);
    expect(FEATURES).toHaveLength(8);
  });
});

describe('metrics', () => {
  test('confusion matrix and rates', () => {
    const m = confusionMatrix([1, 1, 1, 0, 0, 0, 0], [1, 1, 0, 1, 0, 0, 0]);
    expect(m).toEqual({ truePositives: 2, falseNegatives: 1, falsePositives: 1, trueNegatives: 3 });
    const s = scores(m);
    expect(s.accuracy).toBeCloseTo(5 / 7);
    expect(s.precision).toBeCloseTo(2 / 3);
    expect(s.recall).toBeCloseTo(2 / 3);
    expect(s.specificity).toBeCloseTo(3 / 4);
    expect(s.f1).toBeCloseTo(2 / 3);
  });

  test('a rate with nothing to divide by is NaN, not a crash', () => {
    expect(scores(confusionMatrix([0, 0], [0, 0])).precision).toBeNaN();
    expect(() => confusionMatrix([1], [1, 0])).toThrow(/2 predictions for 1 rows/);
  });

  test('classifies at the threshold and parses both response separators', () => {
    expect(classify([0.49, 0.5, 0.9])).toEqual([0, 1, 1]);
    expect(classify([0.6], 0.7)).toEqual([0]);
    expect(parsePredictions('0.1,0.9', 2)).toEqual([0.1, 0.9]);
    expect(parsePredictions('0.1\n0.9\n', 2)).toEqual([0.1, 0.9]);
    expect(() => parsePredictions('0.1', 2)).toThrow(/Expected 2 probabilities/);
    expect(() => parsePredictions('1.5,0.2', 2)).toThrow();
  });
});
