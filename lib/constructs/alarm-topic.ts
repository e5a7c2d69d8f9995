import { Stack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

export interface AlarmTopicProps {
  /** The lab key: the topic is encrypted with it, and CloudWatch alarms of this account may use it. */
  readonly encryptionKey: kms.IKey;
}

/**
 * An encrypted SNS topic that a lab's alarms notify (a learner subscribes to it, see the lab guide): every
 * alarm has an action (Control Tower CT.CLOUDWATCH.PR.1), and the topic accepts only TLS requests and only the
 * alarms passed to `notify`.
 *
 * - CloudWatch needs the key to publish to an encrypted topic
 *   (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
 * - The topic's own policy (TLS only) replaces the default one, so each alarm gets its own sns:Publish
 *   statement, or its notifications are dropped
 *   (https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger).
 *
 * Not a construct of its own: the topic is `scope`'s child `id`, so a lab that had this topic before keeps its
 * logical id (and a learner's email subscription) when it moves to this class.
 */
export class AlarmTopic {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    const { account, region, partition } = Stack.of(scope);
    this.topic = new sns.Topic(scope, id, { masterKey: props.encryptionKey, enforceSSL: true });
    props.encryptionKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToNotify',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
        },
      }),
    );
  }

  /** The alarm notifies the topic when it goes into ALARM, and may publish to it. */
  notify(alarm: cloudwatch.Alarm): void {
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: `Allow${alarm.node.id}ToPublish`,
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { ArnEquals: { 'aws:SourceArn': alarm.alarmArn }, StringEquals: { 'aws:SourceAccount': Stack.of(this.topic).account } },
      }),
    );
  }
}
