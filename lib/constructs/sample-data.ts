import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { LabLogGroup } from './lab-log-group';
import type { SecureBucket } from './secure-bucket';

/** Repository root, so sample-data folders read the same from any working directory. */
const REPO_ROOT = path.join(__dirname, '..', '..');

export interface SampleDataProps {
  /** Folder whose files are uploaded, relative to the repository root, e.g. `labs/<NN-lab>/data`. */
  readonly source: string;
  readonly destinationBucket: SecureBucket;
  /** Key prefix in the bucket, ending with a slash, e.g. `raw/`. */
  readonly destinationKeyPrefix: string;
}

/**
 * Uploads a lab's sample data into one of its buckets during `cdk deploy` (a CDK BucketDeployment),
 * logging to an encrypted log group that `cdk destroy` removes. Destroy deletes the objects with the
 * bucket. The deployment's handler is CDK-internal; its findings are acknowledged by
 * AcknowledgeCdkInternals.
 */
export class SampleData extends Construct {
  readonly deployment: s3deploy.BucketDeployment;
  /** A SHA-256 over the uploaded files (names and contents): a job that reads them restarts when it changes. */
  readonly fingerprint: string;

  constructor(scope: Construct, id: string, props: SampleDataProps) {
    super(scope, id);
    if (!props.destinationKeyPrefix.endsWith('/')) {
      throw new Error(`SampleData ${id}: destinationKeyPrefix "${props.destinationKeyPrefix}" must end with "/".`);
    }
    this.deployment = new s3deploy.BucketDeployment(this, 'Upload', {
      sources: [s3deploy.Source.asset(path.resolve(REPO_ROOT, props.source))],
      destinationBucket: props.destinationBucket,
      destinationKeyPrefix: props.destinationKeyPrefix,
      logGroup: new LabLogGroup(this, 'Logs', { encryptionKey: props.destinationBucket.encryptionKey! }),
      memoryLimit: 512,
    });
    this.fingerprint = folderFingerprint(path.resolve(REPO_ROOT, props.source));
  }
}

/** A SHA-256 over the files of a folder, names and contents, in a stable order. */
export function folderFingerprint(folder: string): string {
  const hash = createHash('sha256');
  const files = fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort();
  for (const file of files) {
    const full = path.join(folder, file);
    if (fs.statSync(full).isFile()) {
      hash.update(file.split(path.sep).join('/')).update('\0').update(fs.readFileSync(full)).update('\0');
    }
  }
  return hash.digest('hex');
}
