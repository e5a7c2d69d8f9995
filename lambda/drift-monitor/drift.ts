/**
 * The drift monitor's statistics, pure and tested without AWS: what SageMaker Model Monitor's data-quality
 * baseline and checks did, reduced to two numbers a new account can compute itself.
 *
 * - Feature drift: for each feature, how far the mean of the captured requests moved from the training mean,
 *   in training standard deviations (|mean - baseline mean| / baseline std); the statistic is the largest.
 * - Prediction distribution: the share of responses above 0.5 (predicted positives).
 */

/** Per-feature mean and standard deviation of the training data (label excluded). */
export interface Baseline {
  readonly means: readonly number[];
  readonly stds: readonly number[];
}

/** Mean and (population) standard deviation per column of numeric rows. */
export function baselineOf(rows: readonly (readonly number[])[]): Baseline {
  if (rows.length === 0) {
    throw new Error('baselineOf: no rows');
  }
  const width = rows[0].length;
  const means = Array.from({ length: width }, (_, j) => rows.reduce((s, r) => s + r[j], 0) / rows.length);
  const stds = means.map((m, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j] - m) ** 2, 0) / rows.length));
  return { means, stds };
}

/** The largest standardized mean shift over the features; undefined without rows. */
export function featureDrift(baseline: Baseline, rows: readonly (readonly number[])[]): number | undefined {
  if (rows.length === 0) {
    return undefined;
  }
  const current = baselineOf(rows).means;
  return Math.max(
    ...baseline.means.map((m, j) => {
      // A constant training feature (std 0) moves by any change at all: count a change as one deviation.
      const std = baseline.stds[j] > 0 ? baseline.stds[j] : 1;
      return Math.abs((current[j] ?? m) - m) / std;
    }),
  );
}

/** The share of scores above 0.5; undefined without scores. */
export function positiveRate(scores: readonly number[]): number | undefined {
  return scores.length === 0 ? undefined : scores.filter((s) => s > 0.5).length / scores.length;
}

/** One captured request and its response, as numbers. */
export interface CapturedRecord {
  readonly features: number[][];
  readonly scores: number[];
}

interface CaptureLine {
  readonly captureData?: {
    readonly endpointInput?: { readonly data?: string; readonly encoding?: string };
    readonly endpointOutput?: { readonly data?: string; readonly encoding?: string };
  };
}

const decode = (part: { readonly data?: string; readonly encoding?: string } | undefined): string =>
  part?.data === undefined ? '' : part.encoding === 'BASE64' ? Buffer.from(part.data, 'base64').toString('utf8') : part.data;

const numbers = (line: string): number[] => line.split(',').map((v) => Number(v.trim()));

/**
 * Parses one data-capture file (JSON lines; the input and output of one request per line, CSV text or
 * Base64: https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture-endpoint.html). Rows that
 * are not all numbers are skipped.
 */
export function parseCapture(text: string): CapturedRecord {
  const features: number[][] = [];
  const scores: number[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    let line: CaptureLine;
    try {
      line = JSON.parse(raw) as CaptureLine;
    } catch {
      continue;
    }
    for (const row of decode(line.captureData?.endpointInput).split('\n')) {
      const values = numbers(row);
      if (row.trim() && values.every(Number.isFinite)) features.push(values);
    }
    for (const value of decode(line.captureData?.endpointOutput).split(/[\n,]/)) {
      const score = Number(value.trim());
      if (value.trim() && Number.isFinite(score)) scores.push(score);
    }
  }
  return { features, scores };
}
