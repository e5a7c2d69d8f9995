/** Environment variables shared by the lab 08 stack and the drift monitor (no aws-cdk-lib import). */
export const DRIFT_ENV = {
  /** The bucket data capture writes to. */
  bucket: 'CAPTURE_BUCKET',
  /** The prefix of the endpoint's captured files: `<destination prefix>/<endpoint name>/`. */
  prefix: 'CAPTURE_PREFIX',
  /** The training baseline, JSON of Baseline (drift.ts). */
  baseline: 'BASELINE',
  endpointName: 'ENDPOINT_NAME',
  namespace: 'METRIC_NAMESPACE',
} as const;
