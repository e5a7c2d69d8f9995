/**
 * Lab 04's AWS calls (see lib/labs/call-table.ts): S3 → EventBridge → Step Functions → Lambda,
 * Comprehend, Translate, Polly → S3, the dead-letter path and its alarm, and the emptying on destroy.
 */
import { allow, deny, type CallTable } from '../call-table';

const FN = (path: string) => `\${${path}.Arn}`;
const S3_VIA = { 'kms:ViaService': 's3.${AWS::Region}.amazonaws.com' };
const CHAIN = { role: 'Chain/Resource/Role' };
const EVENTS_DLQ = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html';
const ALARM_TOPIC = 'https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger';
const SNS_KMS = 'https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services';
const POLLY_ASYNC = 'https://docs.aws.amazon.com/polly/latest/dg/asynchronous.html';
const ALARM = { service: 'cloudwatch.amazonaws.com', sourceArn: '${DeadLettersAlarm.Arn}', sourceAccount: '${AWS::AccountId}' };
const RULE = { service: 'events.amazonaws.com', sourceArn: '${OnUpload.Arn}', sourceAccount: '${AWS::AccountId}' };

export const CALLS: CallTable = {
  lab: 'language-chain',
  calls: [
    // An upload starts the chain: EventBridge assumes its role and starts an execution.
    allow('run', 'the learner uploads a document under input/', 'learner', 's3:PutObject', '${Input.Arn}/input/note.txt'),
    allow('run', 'S3 encrypts the upload with the lab key for the learner', 'learner', 'kms:GenerateDataKey', '${LabKey.Arn}', {
      context: { ...S3_VIA, 'kms:EncryptionContext:aws:s3:arn': '${Input.Arn}' },
    }),
    deny('run', 'the buckets refuse requests without TLS', 'learner', 's3:PutObject', '${Input.Arn}/input/note.txt', {
      context: { 'aws:SecureTransport': 'false' },
    }),
    allow('run', 'EventBridge assumes the rule target role', { service: 'events.amazonaws.com' }, 'sts:AssumeRole', '${Chain/Resource/EventsRole.Arn}'),
    allow('run', 'the rule starts an execution', { role: 'Chain/Resource/EventsRole' }, 'states:StartExecution', '${Chain/Resource.Arn}'),
    deny('run', 'the rule role may start no other state machine', { role: 'Chain/Resource/EventsRole' }, 'states:StartExecution',
      'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:another'),

    // Undeliverable events go to the dead-letter queue; its depth raises an alarm that notifies the topic.
    allow('run', 'EventBridge sends an undeliverable event to the dead-letter queue', RULE, 'sqs:SendMessage', '${DeadLetters.Arn}', { source: EVENTS_DLQ }),
    deny('run', 'no other rule may use the dead-letter queue', { ...RULE, sourceArn: 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/another' },
      'sqs:SendMessage', '${DeadLetters.Arn}', { source: EVENTS_DLQ }),
    allow('run', 'EventBridge encrypts the dead letter with the lab key (its KMS requests carry no source)', { service: 'events.amazonaws.com' },
      'kms:GenerateDataKey', '${LabKey.Arn}', { source: EVENTS_DLQ }),
    allow('run', 'the dead-letter alarm notifies the topic', ALARM, 'sns:Publish', '${Alarms.Ref}', { source: ALARM_TOPIC }),
    deny('run', 'no other alarm may publish to the topic', { ...ALARM, sourceArn: 'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:999999999999:alarm:x', sourceAccount: '999999999999' },
      'sns:Publish', '${Alarms.Ref}', { source: ALARM_TOPIC }),
    allow('run', 'CloudWatch encrypts the notification with the lab key', ALARM, 'kms:GenerateDataKey', '${LabKey.Arn}', { source: SNS_KMS }),
    allow('run', 'CloudWatch decrypts with the lab key to publish', ALARM, 'kms:Decrypt', '${LabKey.Arn}', { source: SNS_KMS }),
    deny('run', 'publishing without TLS is refused', 'learner', 'sns:Publish', '${Alarms.Ref}', { context: { 'aws:SecureTransport': 'false' } }),

    // The state machine: Lambda tasks, Comprehend and Polly directly, results to the output bucket.
    allow('run', 'the chain invokes the read function', CHAIN, 'lambda:InvokeFunction', FN('ReadInput')),
    allow('run', 'the chain invokes the translate function', CHAIN, 'lambda:InvokeFunction', FN('Translate')),
    allow('run', 'the chain invokes the analyse function', CHAIN, 'lambda:InvokeFunction', FN('Analyse')),
    deny('run', 'the chain invokes no other function', CHAIN, 'lambda:InvokeFunction',
      'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:another'),
    allow('run', 'the chain detects the language', CHAIN, 'comprehend:DetectDominantLanguage', '*'),
    allow('run', 'the chain starts a Polly task', CHAIN, 'polly:StartSpeechSynthesisTask', '*'),
    allow('run', 'the chain reads the Polly task', CHAIN, 'polly:GetSpeechSynthesisTask', '*'),
    allow('run', 'Polly writes the MP3 with the caller (the chain role) permissions', CHAIN, 's3:PutObject', '${Output.Arn}/audio/input/note.txt/task.mp3', { source: POLLY_ASYNC }),
    allow('run', 'the chain writes the result', CHAIN, 's3:PutObject', '${Output.Arn}/output/input/note.txt.json'),
    allow('run', 'the chain writes an error report', CHAIN, 's3:PutObject', '${Output.Arn}/errors/input/note.txt.json'),
    allow('run', 'S3 encrypts what the chain writes with the lab key', CHAIN, 'kms:GenerateDataKey', '${LabKey.Arn}', {
      context: { ...S3_VIA, 'kms:EncryptionContext:aws:s3:arn': '${Output.Arn}' },
    }),
    deny('run', 'the chain writes nowhere else in the output bucket', CHAIN, 's3:PutObject', '${Output.Arn}/other/x.json'),
    deny('run', 'the chain never writes the input bucket', CHAIN, 's3:PutObject', '${Input.Arn}/input/note.txt'),
    deny('run', 'the chain uses the lab key only through S3', CHAIN, 'kms:GenerateDataKey', '${LabKey.Arn}', {
      context: { 'kms:ViaService': 'sqs.${AWS::Region}.amazonaws.com' },
    }),

    // The functions: each its own service, the read function the uploads only.
    allow('run', 'the read function reads an upload', { role: 'ReadInputRole' }, 's3:GetObject', '${Input.Arn}/input/note.txt'),
    allow('run', 'S3 decrypts the upload for the read function', { role: 'ReadInputRole' }, 'kms:Decrypt', '${LabKey.Arn}', {
      context: { ...S3_VIA, 'kms:EncryptionContext:aws:s3:arn': '${Input.Arn}' },
    }),
    deny('run', 'the read function reads nothing outside input/', { role: 'ReadInputRole' }, 's3:GetObject', '${Input.Arn}/private/x.txt'),
    deny('run', 'the read function reads no results', { role: 'ReadInputRole' }, 's3:GetObject', '${Output.Arn}/output/x.json'),
    deny('run', 'the read function decrypts only through S3', { role: 'ReadInputRole' }, 'kms:Decrypt', '${LabKey.Arn}'),
    allow('run', 'the translate function translates', { role: 'TranslateRole' }, 'translate:TranslateText', '*'),
    deny('run', 'the translate function calls no Comprehend', { role: 'TranslateRole' }, 'comprehend:DetectPiiEntities', '*'),
    allow('run', 'the analyse function finds sentiment', { role: 'AnalyseRole' }, 'comprehend:BatchDetectSentiment', '*'),
    allow('run', 'the analyse function finds PII', { role: 'AnalyseRole' }, 'comprehend:DetectPiiEntities', '*'),
    deny('run', 'the analyse function translates nothing', { role: 'AnalyseRole' }, 'translate:TranslateText', '*'),
    allow('run', 'the learner reads a result (verify)', 'learner', 's3:GetObject', '${Output.Arn}/output/input/note.txt.json'),

    // Destroy empties both buckets.
    allow('destroy', 'the auto-delete handler denies new writes to the output bucket', { role: 'Custom::S3AutoDeleteObjectsCustomResourceProvider/Role' },
      's3:PutBucketPolicy', '${Output.Arn}'),
    allow('destroy', 'the auto-delete handler deletes results', { role: 'Custom::S3AutoDeleteObjectsCustomResourceProvider/Role' },
      's3:DeleteObjectVersion', '${Output.Arn}/output/input/note.txt.json'),
  ],
};
