import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { READ_ENV } from '../../../lambda/language-read/env';
import { contextOption } from '../../config';
import { AlarmTopic } from '../../constructs/alarm-topic';
import { LabFunction } from '../../constructs/lab-function';
import { SecureBucket } from '../../constructs/secure-bucket';
import {
  acknowledgeAiServiceActions,
  acknowledgeChainInvokes,
  acknowledgeEventDeadLetterQueue,
  acknowledgeFunctionOutsideVpc,
  acknowledgePrefixAccess,
} from '../../validation/acknowledgements';
import { LAYOUT, OUTPUTS } from './layout';
import { TARGET_LANGUAGE } from './options';
import { LanguageChainStateMachine, STATE_MACHINE_AI_ACTIONS } from './state-machine';
import { LabStack, type LabStackProps } from '../lab-stack';

/**
 * Lab 04: an AI service chain. A text uploaded under `input/` of the input bucket raises an S3 event
 * in EventBridge, which starts a Step Functions execution: Comprehend detects the language, Translate
 * turns the text into English, Comprehend finds sentiment, entities, key phrases and PII, Polly reads
 * the text aloud, and the result lands in the output bucket (`output/`, `audio/`, or `errors/`).
 */
export class LanguageChainStack extends LabStack {
  readonly inputBucket: SecureBucket;
  readonly outputBucket: SecureBucket;
  readonly chain: LanguageChainStateMachine;
  readonly deadLetterQueue: sqs.Queue;
  /** Notified when upload events end in the dead-letter queue. */
  readonly alarmTopic: AlarmTopic;

  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);
    const targetLanguage = contextOption(this, TARGET_LANGUAGE);
    const storage = { encryptionKey: this.key, accessLogsBucket: this.accessLogsBucket };
    this.inputBucket = new SecureBucket(this, 'Input', storage);
    this.outputBucket = new SecureBucket(this, 'Output', storage);

    const read = new LabFunction(this, 'ReadInput', {
      entry: 'lambda/language-read/handler.ts',
      description: 'Lab 04: reads an uploaded text and checks size, UTF-8 and content',
      encryptionKey: this.key,
      environment: { [READ_ENV.defaultTargetLanguage]: targetLanguage },
    });
    const translate = new LabFunction(this, 'Translate', {
      entry: 'lambda/language-translate/handler.ts',
      description: 'Lab 04: translates text of any length with Amazon Translate',
      encryptionKey: this.key,
      timeout: Duration.minutes(2),
    });
    const analyse = new LabFunction(this, 'Analyse', {
      entry: 'lambda/language-analyse/handler.ts',
      description: 'Lab 04: sentiment, entities, key phrases and PII of English text with Amazon Comprehend',
      encryptionKey: this.key,
      timeout: Duration.minutes(2),
    });

    // Each function gets its own service's actions only. The read function can read uploads, through S3 only.
    read.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [this.inputBucket.arnForObjects(`${LAYOUT.inputPrefix}*`)],
      }),
    );
    read.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${this.region}.amazonaws.com` } },
      }),
    );
    // Translate and Comprehend's synchronous APIs have no resource-level permissions, so the resource is "*".
    const translateActions = ['translate:TranslateText'];
    translate.addToRolePolicy(new iam.PolicyStatement({ actions: translateActions, resources: ['*'] }));
    const comprehendActions = [
      'comprehend:BatchDetectSentiment',
      'comprehend:BatchDetectEntities',
      'comprehend:BatchDetectKeyPhrases',
      'comprehend:DetectPiiEntities',
    ];
    analyse.addToRolePolicy(new iam.PolicyStatement({ actions: comprehendActions, resources: ['*'] }));

    this.chain = new LanguageChainStateMachine(this, 'Chain', {
      inputBucket: this.inputBucket,
      outputBucket: this.outputBucket,
      encryptionKey: this.key,
      readFunction: read,
      translateFunction: translate,
      analyseFunction: analyse,
    });
    // The state machine (and Polly, with its role) writes results, errors and audio: destroy deletes it
    // and its role (both in this construct) before it empties the output bucket. Deleting a state
    // machine stops its executions at their next state transition:
    // https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachine.html
    this.outputBucket.emptiedAfter(this.chain);

    // S3 → EventBridge → Step Functions. Events the rule cannot deliver go to an encrypted dead-letter queue.
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.DENY_ALL },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const rule = new events.Rule(this, 'OnUpload', {
      description: `Starts the language chain for each object created under ${LAYOUT.inputPrefix}`,
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [this.inputBucket.bucketName] },
          object: { key: [{ prefix: LAYOUT.inputPrefix }] },
        },
      },
    });
    rule.addTarget(
      new targets.SfnStateMachine(this.chain.stateMachine, {
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 8,
        maxEventAge: Duration.hours(2),
      }),
    );
    // EventBridge sends dead letters to the queue encrypted with the lab key, so it needs the key. Its KMS
    // requests for delivery carry no aws:SourceArn or aws:SourceAccount, so a condition on them would
    // drop every dead letter silently; the queue policy is what limits senders to this rule.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowEventBridgeDeadLetters',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
      }),
    );
    // Nothing is lost silently: undeliverable events raise an alarm that notifies this topic (subscribe to it, see
    // the guide).
    this.alarmTopic = new AlarmTopic(this, 'Alarms', { encryptionKey: this.key });
    const alarm = new cloudwatch.Alarm(this, 'DeadLettersAlarm', {
      alarmDescription: 'Upload events that EventBridge could not deliver to the language chain',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarmTopic.notify(alarm);

    for (const fn of [read, translate, analyse]) {
      acknowledgeFunctionOutsideVpc(fn, 'regional AWS APIs (S3, Translate or Comprehend)');
    }
    acknowledgePrefixAccess(read.role!, this.inputBucket, [LAYOUT.inputPrefix]);
    acknowledgeAiServiceActions(translate.role!, translateActions);
    acknowledgeAiServiceActions(analyse.role!, comprehendActions);
    const machineRole = this.chain.stateMachine.role;
    acknowledgeAiServiceActions(machineRole, STATE_MACHINE_AI_ACTIONS);
    acknowledgeChainInvokes(machineRole, [read, translate, analyse]);
    acknowledgePrefixAccess(machineRole, this.outputBucket, [LAYOUT.resultPrefix, LAYOUT.errorPrefix, LAYOUT.audioPrefix]);
    acknowledgeEventDeadLetterQueue(this.deadLetterQueue);

    new CfnOutput(this, OUTPUTS.inputBucket, {
      value: this.inputBucket.bucketName,
      description: `Upload UTF-8 texts under ${LAYOUT.inputPrefix}`,
    });
    new CfnOutput(this, OUTPUTS.outputBucket, {
      value: this.outputBucket.bucketName,
      description: 'Results (output/), audio (audio/) and error reports (errors/)',
    });
    new CfnOutput(this, OUTPUTS.stateMachine, { value: this.chain.stateMachine.stateMachineArn });
    new CfnOutput(this, OUTPUTS.deadLetterQueue, { value: this.deadLetterQueue.queueUrl });
    new CfnOutput(this, OUTPUTS.alarmTopic, {
      value: this.alarmTopic.topic.topicArn,
      description: 'Subscribe to be told when upload events cannot be delivered',
    });
  }
}
