import { CfnResource, type IAspect, Stack } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { IConstruct } from 'constructs';
import { LabLogGroup } from '../constructs/lab-log-group';

/**
 * CDK's stack-level singleton handlers (behind `autoDeleteObjects` and `restrictDefaultSecurityGroup`)
 * are raw Lambda functions without a log group: Lambda would create `/aws/lambda/<name>` at run time and
 * `cdk destroy` would leave it behind, unencrypted and kept forever. This aspect gives each of them a
 * LabLogGroup (encrypted, with retention, deleted with the stack). The handler references the group, so
 * CloudFormation deletes the group only after the handler's last run.
 */
export class RouteCdkProviderLogs implements IAspect {
  constructor(private readonly encryptionKey: kms.IKey) {}

  visit(node: IConstruct): void {
    const scope = node.node.scope;
    if (!(scope instanceof Stack) || !/^Custom::\w+CustomResourceProvider$/.test(node.node.id)) {
      return;
    }
    const handler = node.node.tryFindChild('Handler');
    if (handler instanceof CfnResource && handler.cfnResourceType === 'AWS::Lambda::Function') {
      const logGroup = new LabLogGroup(node, 'Logs', { encryptionKey: this.encryptionKey });
      handler.addPropertyOverride('LoggingConfig', { LogGroup: logGroup.logGroupName, LogFormat: 'JSON' });
    }
  }
}
