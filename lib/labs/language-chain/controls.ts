/** Lab 04: where each control of labs/04-language-chain/GUIDE.md shows in the lab's posture. */
import { COMMON_EVIDENCE, type ControlEvidence, LAB_KEY_BUCKET, PRIVATE_BUCKETS, TLS_ONLY_BUCKETS } from '../../posture/controls/evidence';

const CHAIN_POLICY = 'Chain/Resource/Role/DefaultPolicy';

export const LANGUAGE_CHAIN_EVIDENCE: ControlEvidence = {
  'the input and output buckets are encrypted with the lab key': [
    { in: 'Input', shows: LAB_KEY_BUCKET },
    { in: 'Output', shows: LAB_KEY_BUCKET },
  ],
  'every bucket blocks public access and allows TLS 1.2 connections only': [PRIVATE_BUCKETS, TLS_ONLY_BUCKETS],
  'the dead-letter queue is encrypted with the lab key, TLS-only and keeps messages 14 days': [
    { in: 'DeadLetters', shows: ['KmsMasterKeyId = ${LabKey.Arn}', 'MessageRetentionPeriod = 1209600', 'RedriveAllowPolicy.redrivePermission = denyAll'] },
    { in: 'DeadLetters/Policy', shows: ['Deny principal AWS:* action sqs:* resource ${DeadLetters.Arn} condition Bool aws:SecureTransport = false'] },
  ],
  'uploads under input/ start the state machine, with retries, a maximum event age and the dead-letter queue': [
    {
      in: 'OnUpload',
      shows: [
        'EventPattern.detail-type = Object Created',
        'EventPattern.detail.bucket.name = ${Input}',
        'EventPattern.detail.object.key.prefix = input/',
        'Targets.Arn = ${Chain}',
        'Targets.DeadLetterConfig.Arn = ${DeadLetters.Arn}',
        'Targets.RetryPolicy.MaximumEventAgeInSeconds = 7200',
        'Targets.RetryPolicy.MaximumRetryAttempts = 8',
      ],
    },
  ],
  'undeliverable events raise an alarm that notifies an encrypted topic': [
    {
      in: 'DeadLettersAlarm',
      shows: ['AlarmActions = ${Alarms}', 'Dimensions.Value = ${DeadLetters.QueueName}', 'MetricName = ApproximateNumberOfMessagesVisible', 'Threshold = 0'],
    },
    { in: 'Alarms', shows: ['KmsMasterKeyId = ${LabKey.Arn}'] },
    { in: 'Alarms/Policy', shows: ['action sns:Publish resource ${Alarms} condition Bool aws:SecureTransport = false'] },
  ],
  'the state machine logs every event to an encrypted log group, without execution data': [
    {
      in: 'Chain',
      shows: [
        'LoggingConfiguration.Destinations.CloudWatchLogsLogGroup.LogGroupArn = ${Chain/Logs.Arn}',
        'LoggingConfiguration.IncludeExecutionData = false',
        'LoggingConfiguration.Level = ALL',
      ],
    },
    { in: 'Chain/Logs', shows: ['KmsKeyId = ${LabKey.Arn}', 'RetentionInDays = 365'] },
  ],
  'the state machine is a Standard workflow with a timeout and X-Ray tracing': [
    { in: 'Chain', shows: ['StateMachineType = STANDARD', 'DefinitionString.TimeoutSeconds = 900', 'TracingConfiguration.Enabled = true'] },
  ],
  'every function is traced and logs to an encrypted log group kept one year': [
    ...['ReadInput', 'Translate', 'Analyse'].map((fn) => ({ in: fn, shows: ['TracingConfig.Mode = Active', `LoggingConfig.LogGroup = \${${fn}Logs}`] })),
    ...COMMON_EVIDENCE['every log group is encrypted with the lab key and keeps events for a year'],
  ],
  'the read function can only read objects under input/, decrypting through S3': [
    {
      in: 'ReadInputRole/DefaultPolicy',
      shows: ['action s3:GetObject resource ${Input.Arn}/input/*', 'action kms:Decrypt resource ${LabKey.Arn} condition StringEquals kms:ViaService = s3.us-east-1.amazonaws.com'],
    },
  ],
  'each AI service role has only its own service actions': [
    { in: 'TranslateRole/DefaultPolicy', shows: ['action translate:TranslateText, xray:PutTelemetryRecords, xray:PutTraceSegments resource *'] },
    {
      in: 'AnalyseRole/DefaultPolicy',
      shows: ['action comprehend:BatchDetectEntities, comprehend:BatchDetectKeyPhrases, comprehend:BatchDetectSentiment, comprehend:DetectPiiEntities, xray:PutTelemetryRecords, xray:PutTraceSegments resource *'],
    },
    { in: CHAIN_POLICY, shows: ['comprehend:detectDominantLanguage', 'polly:getSpeechSynthesisTask, polly:startSpeechSynthesisTask'] },
  ],
  'the state machine writes only under output/, errors/ and audio/ of the output bucket': [
    {
      in: CHAIN_POLICY,
      shows: [
        'action s3:PutObject resource ${Output.Arn}/audio/*',
        'action s3:putObject resource ${Output.Arn}/errors/*, ${Output.Arn}/output/*',
        'action kms:Decrypt, kms:GenerateDataKey resource ${LabKey.Arn} condition StringEquals kms:ViaService = s3.us-east-1.amazonaws.com',
      ],
    },
  ],
  'the state machine invokes only the chain functions': [
    {
      in: CHAIN_POLICY,
      shows: ['action lambda:InvokeFunction resource ${Analyse.Arn}, ${Analyse.Arn}:*, ${ReadInput.Arn}, ${ReadInput.Arn}:*, ${Translate.Arn}, ${Translate.Arn}:*'],
    },
  ],
  'no resource is retained on destroy': COMMON_EVIDENCE['no resource is retained on destroy'],
  'cdk-nag and the Control Tower guard rules pass': COMMON_EVIDENCE['cdk-nag and Control Tower guard pass with acknowledged exceptions only'],
};
