/**
 * The lab's synthetic data set, in the spirit of the course's "likes dogs or cats" example: one row per
 * person, label first (1 = prefers dogs, 0 = prefers cats), then the features, as CSV without a header,
 * which is what the built-in XGBoost algorithm expects for text/csv. Generated from a fixed seed, so
 * every run (and every learner) gets the same rows.
 */
import { seededRandom } from '../../shared/random';

export const FEATURES = [
  'age',
  'hours_outdoors_per_week',
  'home_size_m2',
  'has_garden',
  'household_size',
  'works_from_home',
  'allergic_to_dogs',
  'grew_up_with_dog',
] as const;

export type Feature = (typeof FEATURES)[number];

export interface Person {
  /** 1 = prefers dogs, 0 = prefers cats. */
  readonly label: 0 | 1;
  readonly features: Readonly<Record<Feature, number>>;
}

/** Row counts of the three splits (70/15/15). */
export const SPLITS = { train: 700, validation: 150, test: 150 } as const;

export const SEED = 20_241_122;


/** `count` people; each one's preference depends on the features plus noise. */
export function generatePeople(count: number, seed = SEED): Person[] {
  const next = seededRandom(seed);
  const between = (min: number, max: number) => min + next() * (max - min);
  const chance = (p: number) => (next() < p ? 1 : 0);
  const people: Person[] = [];
  for (let i = 0; i < count; i++) {
    const features: Record<Feature, number> = {
      age: Math.round(between(18, 80)),
      hours_outdoors_per_week: Math.round(between(0, 20) * 10) / 10,
      home_size_m2: Math.round(between(30, 200)),
      has_garden: chance(0.45),
      household_size: 1 + Math.floor(next() * 6),
      works_from_home: chance(0.35),
      allergic_to_dogs: chance(0.12),
      grew_up_with_dog: chance(0.4),
    };
    const score =
      -4.2 +
      0.2 * features.hours_outdoors_per_week +
      1.2 * features.has_garden +
      0.008 * features.home_size_m2 +
      0.35 * (features.household_size - 2) +
      0.5 * features.works_from_home -
      2.5 * features.allergic_to_dogs +
      1.4 * features.grew_up_with_dog -
      0.02 * (features.age - 45) +
      (next() - 0.5) * 1.5;
    const label = next() < 1 / (1 + Math.exp(-2 * score)) ? 1 : 0;
    people.push({ label, features });
  }
  return people;
}

/** One CSV line: label first, then the features in FEATURES order; no header. */
export function toCsvLine(person: Person): string {
  return [person.label, ...FEATURES.map((f) => person.features[f])].join(',');
}

/** Parses a line written by toCsvLine. */
export function parseCsvLine(line: string): Person {
  const values = line.split(',').map(Number);
  if (values.length !== FEATURES.length + 1 || values.some((v) => Number.isNaN(v)) || (values[0] !== 0 && values[0] !== 1)) {
    throw new Error(`Not a data row (label first, then ${FEATURES.length} numbers): "${line}"`);
  }
  const [label, ...rest] = values;
  return {
    label: label === 1 ? 1 : 0,
    features: Object.fromEntries(FEATURES.map((f, i) => [f, rest[i]])) as Record<Feature, number>,
  };
}

/** The three splits, in generation order (the rows are independent draws, so already shuffled). */
export function splitPeople(people: readonly Person[]): Record<keyof typeof SPLITS, Person[]> {
  const { train, validation } = SPLITS;
  return {
    train: people.slice(0, train),
    validation: people.slice(train, train + validation),
    test: people.slice(train + validation),
  };
}
