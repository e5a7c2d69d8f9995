/**
 * What the traffic script sends, pure and tested without AWS: held-out rows of lab 03's data set (label
 * removed), optionally shifted by `drift` training standard deviations on every feature, paced at a rate the
 * lab caps.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Baseline } from '../../../lambda/drift-monitor/drift';
import { MAX_DURATION_SECONDS, MAX_REQUESTS_PER_SECOND } from '../../../lib/labs/safe-rollout/rollout';

/** Lab 03's held-out rows (label first): never used in training, so steady traffic looks like production. */
export const TEST_ROWS_FILE = path.join(__dirname, '..', '..', '03-sagemaker-private', 'data', 'test', 'test.csv');

/** The feature values of each row (the label, first, removed). */
export function featureRows(csv: string): number[][] {
  return csv
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => line.split(',').slice(1).map(Number));
}

export function readTestRows(file: string = TEST_ROWS_FILE): number[][] {
  return featureRows(fs.readFileSync(file, 'utf8'));
}

/** The row shifted by `drift` standard deviations of each feature (0 leaves it as it is). */
export function shiftRow(row: readonly number[], baseline: Baseline, drift: number): number[] {
  return row.map((v, j) => Math.round((v + drift * (baseline.stds[j] ?? 0)) * 100) / 100);
}

export function toCsv(row: readonly number[]): string {
  return row.join(',');
}

/** How many requests a run sends, and the pause between them; refuses a rate or length above the lab's caps. */
export function plan(rate: number, seconds: number): { readonly requests: number; readonly intervalMs: number } {
  if (!(rate > 0) || rate > MAX_REQUESTS_PER_SECOND) {
    throw new Error(`The rate must be above 0 and at most ${MAX_REQUESTS_PER_SECOND} requests per second (the lab's cap), got ${rate}.`);
  }
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_DURATION_SECONDS) {
    throw new Error(`The run must last 1 to ${MAX_DURATION_SECONDS} whole seconds, got ${seconds}.`);
  }
  return { requests: Math.max(1, Math.round(rate * seconds)), intervalMs: Math.round(1000 / rate) };
}

/** Weights for UpdateEndpointWeightsAndCapacities: each from 0 to 1, not both 0. */
export function checkWeights(weights: Readonly<Record<string, number>>): void {
  const problems: string[] = [];
  for (const [variant, weight] of Object.entries(weights)) {
    if (!Number.isFinite(weight) || weight < 0 || weight > 1) {
      problems.push(`the weight of ${variant} must be from 0 to 1, got ${weight}`);
    }
  }
  if (problems.length === 0 && Object.values(weights).every((w) => w === 0)) {
    problems.push('at least one weight must be above 0, or the endpoint would route requests nowhere');
  }
  if (problems.length > 0) {
    throw new Error(`Weights refused: ${problems.join('; ')}.`);
  }
}
