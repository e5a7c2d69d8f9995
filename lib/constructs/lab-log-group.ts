import { RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export interface LabLogGroupProps {
  /** The lab's key; CloudWatch Logs encrypts the log data with it. */
  readonly encryptionKey: kms.IKey;
  /**
   * How long events are kept while the lab is deployed. `cdk destroy` deletes the group either way.
   * @default - one year, the minimum the NIST/Control Tower log retention controls accept
   */
  readonly retention?: logs.RetentionDays;
}

/** A log group that is encrypted with the lab key, has a retention period and is deleted on destroy. */
export class LabLogGroup extends logs.LogGroup {
  constructor(scope: Construct, id: string, props: LabLogGroupProps) {
    super(scope, id, {
      encryptionKey: props.encryptionKey,
      retention: props.retention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
