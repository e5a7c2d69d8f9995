/**
 * The lab's synthetic data set, generated deterministically from a seed: an apiary's hives (CSV) and
 * the inspections of those hives (JSON lines, Hive-style partitions by year). It is built to show the
 * things exploratory data analysis looks for before training a model:
 * - a label with unbalanced classes (`outcome`: most colonies are healthy, a few are lost);
 * - missing values (`mite_count` not always counted, `colony_source` not always known);
 * - categorical features to encode (`region`, `hive_type`, `temperament`);
 * - features that carry signal (mites, brood) next to ones that carry little (`humidity_pct`).
 *
 * Pure functions, no I/O: generate-data.ts writes the files and the tests check they are up to date.
 */
import { seededRandom } from '../shared/random';

export interface Hive {
  readonly hive_id: string;
  readonly apiary: string;
  readonly region: string;
  readonly hive_type: string;
  readonly installed_year: number;
  /** Empty when the beekeeper did not record where the colony came from. */
  readonly colony_source: string;
  readonly latitude: number;
  readonly longitude: number;
}

export interface Inspection {
  readonly inspection_id: string;
  readonly hive_id: string;
  readonly inspected_on: string;
  readonly temperature_c: number;
  readonly humidity_pct: number;
  readonly frames_of_brood: number;
  /** Varroa mites per 300 bees; null when no mite count was done. */
  readonly mite_count: number | null;
  readonly queen_seen: boolean;
  readonly temperament: string;
  /** Honey harvested at this inspection; null in spring, when nothing is taken. */
  readonly honey_kg: number | null;
  /** The label: `healthy`, `weak` or `lost`. */
  readonly outcome: string;
}

export interface DataSet {
  readonly hives: readonly Hive[];
  /** Inspections by year, one partition each. */
  readonly inspections: ReadonlyMap<number, readonly Inspection[]>;
}

export const SEED = 20240501;
export const YEARS = [2024, 2025] as const;
const HIVE_COUNT = 60;

const APIARIES = [
  { apiary: 'north_meadow', region: 'upland', lat: 54.61, lon: -2.81 },
  { apiary: 'orchard_row', region: 'lowland', lat: 52.2, lon: 0.12 },
  { apiary: 'river_bend', region: 'lowland', lat: 51.75, lon: -1.26 },
  { apiary: 'hilltop_farm', region: 'upland', lat: 53.38, lon: -1.47 },
  { apiary: 'city_rooftop', region: 'urban', lat: 51.51, lon: -0.13 },
  { apiary: 'allotments', region: 'urban', lat: 53.48, lon: -2.24 },
] as const;
const HIVE_TYPES = ['langstroth', 'national', 'top_bar', 'warre'] as const;
const SOURCES = ['package', 'nucleus', 'swarm'] as const;
/** Month and day of the four inspections of a season, with the typical temperature. */
const VISITS = [
  { month: 4, temp: 13 },
  { month: 6, temp: 19 },
  { month: 8, temp: 22 },
  { month: 10, temp: 12 },
] as const;


export function generateDataSet(seed: number = SEED): DataSet {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const between = (min: number, max: number) => min + random() * (max - min);
  const round = (value: number, digits: number) => Number(value.toFixed(digits));

  const hives: Hive[] = [];
  for (let i = 1; i <= HIVE_COUNT; i++) {
    const site = APIARIES[(i - 1) % APIARIES.length];
    hives.push({
      hive_id: `H${String(i).padStart(3, '0')}`,
      apiary: site.apiary,
      region: site.region,
      hive_type: pick(HIVE_TYPES),
      installed_year: 2016 + Math.floor(random() * 8),
      colony_source: random() < 0.12 ? '' : pick(SOURCES),
      latitude: round(site.lat + between(-0.05, 0.05), 4),
      longitude: round(site.lon + between(-0.05, 0.05), 4),
    });
  }

  const inspections = new Map<number, Inspection[]>();
  for (const year of YEARS) {
    const rows: Inspection[] = [];
    for (const hive of hives) {
      // Each colony has its own mite pressure for the season; urban hives a little more.
      const pressure = between(0.5, 1.5) * (hive.region === 'urban' ? 1.3 : 1);
      let lost = false;
      for (const [visit, { month, temp }] of VISITS.entries()) {
        const day = 1 + Math.floor(random() * 27);
        const mites = lost ? 0 : Math.round(pressure * (1 + visit * 2.2) * between(0.6, 1.4));
        const brood = lost ? 0 : Math.max(0, Math.round(between(4, 9) - (month === 10 ? 3 : 0) - mites / 4));
        // Colonies with many mites and little brood late in the season are the ones that fail.
        const risk = mites / 12 + (brood < 3 ? 0.35 : 0) + (visit === 3 ? 0.1 : 0);
        if (!lost && visit >= 2 && random() < Math.max(0, risk - 0.75)) {
          lost = true;
        }
        const outcome = lost ? 'lost' : mites >= 8 || brood <= 2 ? 'weak' : 'healthy';
        rows.push({
          inspection_id: `I${year}-${String(rows.length + 1).padStart(4, '0')}`,
          hive_id: hive.hive_id,
          inspected_on: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
          temperature_c: round(temp + between(-4, 4), 1),
          humidity_pct: Math.round(between(45, 90)),
          frames_of_brood: lost ? 0 : brood,
          mite_count: lost || random() < 0.1 ? null : mites,
          queen_seen: !lost && random() < (outcome === 'healthy' ? 0.85 : 0.5),
          temperament: lost ? 'none' : pick(['calm', 'calm', 'calm', 'nervous', 'defensive']),
          honey_kg: visit === 0 || lost ? null : round(Math.max(0, between(2, 14) - mites / 3), 1),
          outcome,
        });
      }
    }
    inspections.set(year, rows);
  }
  return { hives, inspections };
}

/** The data set as files, by path relative to the data folder (which SampleData uploads to `raw/`). */
export function renderDataFiles(data: DataSet): Map<string, string> {
  const files = new Map<string, string>();
  const columns = Object.keys(data.hives[0]) as (keyof Hive)[];
  const csv = [columns.join(','), ...data.hives.map((h) => columns.map((c) => String(h[c])).join(','))];
  files.set('hives/hives.csv', `${csv.join('\n')}\n`);
  for (const [year, rows] of data.inspections) {
    files.set(`inspections/year=${year}/inspections.jsonl`, rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }
  return files;
}
