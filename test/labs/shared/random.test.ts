import { seededRandom } from '../../../labs/shared/random';

describe('seededRandom', () => {
  test('gives the same sequence for the same seed, another for another seed', () => {
    const take = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(take(7)).toEqual(take(7));
    expect(take(7)).not.toEqual(take(8));
  });

  test('returns numbers in [0, 1), spread over the range', () => {
    const values = Array.from({ length: 10_000 }, seededRandom(42));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});
