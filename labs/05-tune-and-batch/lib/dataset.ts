/**
 * The lab's synthetic data set: tomorrow's weather from today's readings at a weather station, three
 * classes (0 = sunny, 1 = cloudy, 2 = rainy). One row per day, label first, then the features, as CSV
 * without a header: what the built-in XGBoost algorithm expects for text/csv. Generated from a fixed
 * seed, so every run (and every learner) gets the same rows.
 */
import { seededRandom } from '../../shared/random';

export const CLASSES = ['sunny', 'cloudy', 'rainy'] as const;
export type ClassIndex = 0 | 1 | 2;

export const FEATURES = [
  'pressure_hpa',
  'pressure_change_3h',
  'humidity_pct',
  'temperature_c',
  'wind_speed_kmh',
  'cloud_cover_pct',
  'month',
] as const;

export type Feature = (typeof FEATURES)[number];

export interface Day {
  readonly label: ClassIndex;
  readonly features: Readonly<Record<Feature, number>>;
}

/** Row counts of the three splits (70/15/15). */
export const SPLITS = { train: 1400, validation: 300, test: 300 } as const;

export const SEED = 20_261_128;

/** `count` days; tomorrow's class is drawn from a softmax over scores of the readings plus noise. */
export function generateDays(count: number, seed = SEED): Day[] {
  const next = seededRandom(seed);
  const between = (min: number, max: number) => min + next() * (max - min);
  const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
  const days: Day[] = [];
  for (let i = 0; i < count; i++) {
    const month = 1 + Math.floor(next() * 12);
    const summer = Math.cos(((month - 7) / 12) * 2 * Math.PI);
    const features: Record<Feature, number> = {
      pressure_hpa: round(between(985, 1040), 1),
      pressure_change_3h: round(between(-6, 6), 1),
      humidity_pct: Math.round(between(25, 100)),
      temperature_c: round(12 + 10 * summer + between(-6, 6), 1),
      wind_speed_kmh: Math.round(between(0, 55)),
      cloud_cover_pct: Math.round(between(0, 100)),
      month,
    };
    const pressure = (features.pressure_hpa - 1012) / 10;
    const trend = features.pressure_change_3h / 3;
    const humidity = (features.humidity_pct - 60) / 20;
    const cloud = (features.cloud_cover_pct - 50) / 30;
    const wind = features.wind_speed_kmh / 25;
    const noise = () => (next() - 0.5) * 1.2;
    const scores = [
      1.1 * pressure + 0.9 * trend - 0.8 * humidity - 0.9 * cloud + 0.3 * summer + noise(),
      0.6 * cloud - 0.2 * Math.abs(trend) + 0.7 + noise(),
      -1.0 * pressure - 0.8 * trend + 0.9 * humidity + 0.4 * cloud + 0.5 * wind - 0.2 * summer + noise(),
    ];
    days.push({ label: drawClass(scores, next()), features });
  }
  return days;
}

/** The class whose cumulative softmax probability first exceeds `u` (sharpened so the labels are learnable). */
function drawClass(scores: readonly number[], u: number): ClassIndex {
  const weights = scores.map((s) => Math.exp(2 * s));
  const total = weights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  for (let c = 0; c < weights.length; c++) {
    cumulative += weights[c] / total;
    if (u < cumulative) {
      return c as ClassIndex;
    }
  }
  return 2;
}

/** One CSV line: label first, then the features in FEATURES order; no header. */
export function toCsvLine(day: Day): string {
  return [day.label, ...FEATURES.map((f) => day.features[f])].join(',');
}

/** Parses a line written by toCsvLine. */
export function parseCsvLine(line: string): Day {
  const values = line.split(',').map(Number);
  if (values.length !== FEATURES.length + 1 || values.some((v) => Number.isNaN(v)) || ![0, 1, 2].includes(values[0])) {
    throw new Error(`Not a data row (class 0-2 first, then ${FEATURES.length} numbers): "${line}"`);
  }
  const [label, ...rest] = values;
  return {
    label: label as ClassIndex,
    features: Object.fromEntries(FEATURES.map((f, i) => [f, rest[i]])) as Record<Feature, number>,
  };
}

/** The three splits, in generation order (the rows are independent draws, so already shuffled). */
export function splitDays(days: readonly Day[]): Record<keyof typeof SPLITS, Day[]> {
  const { train, validation } = SPLITS;
  return {
    train: days.slice(0, train),
    validation: days.slice(train, train + validation),
    test: days.slice(train + validation),
  };
}
