import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { LabLogGroup } from '../../constructs/lab-log-group';
import { LAYOUT } from './layout';

export interface LanguageChainStateMachineProps {
  /** Where documents are uploaded; the state machine only reads the event, the read function the object. */
  readonly inputBucket: s3.IBucket;
  /** Receives results, error reports and Polly's audio. */
  readonly outputBucket: s3.IBucket;
  /** The lab key: the logs and the output bucket's objects are encrypted with it. */
  readonly encryptionKey: kms.IKey;
  /** Reads the uploaded object and checks it (size, UTF-8, not empty). */
  readonly readFunction: lambda.IFunction;
  /** Translates text of any length. */
  readonly translateFunction: lambda.IFunction;
  /** Sentiment, entities, key phrases and PII of English text of any length. */
  readonly analyseFunction: lambda.IFunction;
  /** How long to wait between two looks at the Polly task. @default 5 seconds */
  readonly speechPollInterval?: Duration;
  /** How many times to look at the Polly task before giving up. @default 60 */
  readonly maxSpeechPolls?: number;
}

/** The states tests override or look for, by name. */
export const STATES = {
  readInput: 'ReadInput',
  detectLanguage: 'DetectLanguage',
  translateToEnglish: 'TranslateToEnglish',
  analyse: 'Analyse',
  translateToTarget: 'TranslateToTarget',
  startSpeech: 'StartSpeech',
  waitForSpeech: 'WaitForSpeech',
  getSpeechTask: 'GetSpeechTask',
  writeResult: 'WriteResult',
  writeError: 'WriteError',
} as const;

/** The AI service actions the state machine calls directly (no resource-level permissions). */
export const STATE_MACHINE_AI_ACTIONS = [
  'comprehend:DetectDominantLanguage',
  'polly:StartSpeechSynthesisTask',
  'polly:GetSpeechSynthesisTask',
] as const;

/** Errors of the services and functions worth another try, with backoff. */
const THROTTLING = {
  lambda: ['ThrottlingException', 'TooManyRequestsException', 'InternalServerException', 'ServiceUnavailableException', 'Lambda.TooManyRequestsException'],
  comprehend: ['Comprehend.TooManyRequestsException', 'Comprehend.InternalServerException'],
  polly: ['Polly.ThrottlingException', 'Polly.ServiceFailureException'],
  s3: ['S3.S3Exception', 'S3.SdkClientException'],
};

/**
 * The chain as a Standard state machine: read and check → detect the language (Comprehend) → translate
 * to English if needed → analyse (Comprehend) → optionally translate into a target language → speech
 * (Polly, asynchronous task, bounded polling) → result JSON in output/. Any failure writes an error JSON
 * to errors/ naming the input and the reason, then fails the execution; the input object is not touched.
 */
export class LanguageChainStateMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: LanguageChainStateMachineProps) {
    super(scope, id);
    const maxPolls = props.maxSpeechPolls ?? 60;
    if (!Number.isInteger(maxPolls) || maxPolls < 1) {
      throw new Error(`maxSpeechPolls must be a positive integer, got ${maxPolls}.`);
    }
    const output = props.outputBucket;
    const inputKey = sfn.JsonPath.stringAt('$.detail.object.key');

    // Failure path: describe the error, write it next to the results, fail the execution.
    const writeError = putJson(this, STATES.writeError, output, LAYOUT.errorPrefix, '$.errorReport');
    const describeError = new sfn.Pass(this, 'DescribeError', {
      parameters: {
        input: { bucket: sfn.JsonPath.stringAt('$.detail.bucket.name'), key: inputKey },
        error: sfn.JsonPath.stringAt('$.error.Error'),
        reason: sfn.JsonPath.objectAt('$.error.Cause'),
        execution: sfn.JsonPath.stringAt('$$.Execution.Name'),
        executionStartedAt: sfn.JsonPath.stringAt('$$.Execution.StartTime'),
      },
      resultPath: '$.errorReport',
    });
    // The reason is not always a string (Polly's failed task is an object), and CausePath must be one.
    const failed = new sfn.Fail(this, 'DocumentFailed', {
      errorPath: '$.errorReport.error',
      cause: `The error report is in the output bucket under ${LAYOUT.errorPrefix}.`,
    });
    describeError.next(writeError).next(failed);
    const fail = (error: string, cause: string) => {
      const pass = new sfn.Pass(this, error, { parameters: { Error: error, Cause: cause }, resultPath: '$.error' });
      pass.next(describeError);
      return pass;
    };
    const retryAndCatch = <T extends sfn.TaskStateBase>(task: T, errors: string[]): T => {
      task.addRetry({
        errors,
        interval: Duration.seconds(2),
        backoffRate: 2,
        maxAttempts: 5,
        maxDelay: Duration.seconds(30),
        jitterStrategy: sfn.JitterType.FULL,
      });
      task.addCatch(describeError, { errors: [sfn.Errors.ALL], resultPath: '$.error' });
      return task;
    };

    // 1. Read and check the object.
    const readInput = retryAndCatch(
      new tasks.LambdaInvoke(this, STATES.readInput, {
        lambdaFunction: props.readFunction,
        payload: sfn.TaskInput.fromObject({ bucket: sfn.JsonPath.stringAt('$.detail.bucket.name'), key: inputKey }),
        resultSelector: selectPayload(['text', 'bytes', 'characters', 'sample', 'targetLanguage']),
        resultPath: '$.input',
      }),
      THROTTLING.lambda,
    );

    // 2. Dominant language of the leading sentences (Comprehend, direct integration).
    const detectLanguage = retryAndCatch(
      new tasks.CallAwsService(this, STATES.detectLanguage, {
        service: 'comprehend',
        action: 'detectDominantLanguage',
        parameters: { Text: sfn.JsonPath.stringAt('$.input.sample') },
        // Comprehend's synchronous APIs have no resource-level permissions.
        iamResources: ['*'],
        resultSelector: { languages: sfn.JsonPath.objectAt('$.Languages') },
        resultPath: '$.detected',
      }),
      THROTTLING.comprehend,
    );
    const language = '$.detected.languages[0].LanguageCode';

    // 3. English text: as is, or translated.
    const keepEnglish = new sfn.Pass(this, 'KeepEnglishText', {
      parameters: { text: sfn.JsonPath.stringAt('$.input.text'), translated: false },
      resultPath: '$.english',
    });
    const translateToEnglish = retryAndCatch(
      new tasks.LambdaInvoke(this, STATES.translateToEnglish, {
        lambdaFunction: props.translateFunction,
        payload: sfn.TaskInput.fromObject({
          text: sfn.JsonPath.stringAt('$.input.text'),
          sourceLanguage: sfn.JsonPath.stringAt(language),
          targetLanguage: 'en',
        }),
        resultSelector: { text: sfn.JsonPath.stringAt('$.Payload.text'), translated: true },
        resultPath: '$.english',
      }),
      THROTTLING.lambda,
    );

    // 4. Sentiment, entities, key phrases and PII of the English text.
    const analyse = retryAndCatch(
      new tasks.LambdaInvoke(this, STATES.analyse, {
        lambdaFunction: props.analyseFunction,
        payload: sfn.TaskInput.fromObject({ text: sfn.JsonPath.stringAt('$.english.text') }),
        resultSelector: selectPayload([
          'sentiment',
          'entities',
          'entityCount',
          'keyPhrases',
          'keyPhraseCount',
          'piiTypes',
          'maskedText',
          'spokenText',
          'chunks',
        ]),
        resultPath: '$.analysis',
      }),
      THROTTLING.lambda,
    );

    // Optional translation into the target language, of the text with PII removed.
    const translateToTarget = retryAndCatch(
      new tasks.LambdaInvoke(this, STATES.translateToTarget, {
        lambdaFunction: props.translateFunction,
        payload: sfn.TaskInput.fromObject({
          text: sfn.JsonPath.stringAt('$.analysis.spokenText'),
          sourceLanguage: 'en',
          targetLanguage: sfn.JsonPath.stringAt('$.input.targetLanguage'),
        }),
        resultSelector: {
          language: sfn.JsonPath.stringAt('$.Payload.targetLanguage'),
          text: sfn.JsonPath.stringAt('$.Payload.text'),
        },
        resultPath: '$.target',
      }),
      THROTTLING.lambda,
    );
    const noTarget = new sfn.Pass(this, 'NoTargetTranslation', {
      result: sfn.Result.fromObject({ language: 'none' }),
      resultPath: '$.target',
    });

    // 5. Speech: Polly's asynchronous task writes the MP3 straight into the output bucket; look at
    // the task every few seconds, a bounded number of times.
    const startSpeech = retryAndCatch(
      new tasks.CallAwsService(this, STATES.startSpeech, {
        service: 'polly',
        action: 'startSpeechSynthesisTask',
        parameters: {
          Engine: 'standard',
          OutputFormat: 'mp3',
          VoiceId: 'Joanna',
          Text: sfn.JsonPath.stringAt('$.analysis.spokenText'),
          OutputS3BucketName: output.bucketName,
          OutputS3KeyPrefix: sfn.JsonPath.format(`${LAYOUT.audioPrefix}{}/`, inputKey),
        },
        // Polly's synthesis tasks have no resource-level permissions (only lexicons do).
        iamResources: ['*'],
        resultSelector: { taskId: sfn.JsonPath.stringAt('$.SynthesisTask.TaskId'), polls: 0 },
        resultPath: '$.speech',
      }),
      THROTTLING.polly,
    );
    const waitForSpeech = new sfn.Wait(this, STATES.waitForSpeech, {
      time: sfn.WaitTime.duration(props.speechPollInterval ?? Duration.seconds(5)),
    });
    const getSpeechTask = retryAndCatch(
      new tasks.CallAwsService(this, STATES.getSpeechTask, {
        service: 'polly',
        action: 'getSpeechSynthesisTask',
        parameters: { TaskId: sfn.JsonPath.stringAt('$.speech.taskId') },
        iamResources: ['*'],
        resultSelector: { task: sfn.JsonPath.objectAt('$.SynthesisTask') },
        resultPath: '$.speechTask',
      }),
      THROTTLING.polly,
    );
    const countPoll = new sfn.Pass(this, 'CountSpeechPoll', {
      parameters: {
        taskId: sfn.JsonPath.stringAt('$.speech.taskId'),
        polls: sfn.JsonPath.mathAdd(sfn.JsonPath.numberAt('$.speech.polls'), 1),
      },
      resultPath: '$.speech',
    });
    const speechFailed = new sfn.Pass(this, 'SpeechSynthesisFailed', {
      parameters: {
        Error: 'SpeechSynthesisFailed',
        // The whole task, whose TaskStatusReason says why (a path to a field that may be absent would fail the state).
        Cause: sfn.JsonPath.objectAt('$.speechTask.task'),
      },
      resultPath: '$.error',
    });
    speechFailed.next(describeError);

    // 6. The result, PII masked, next to the audio.
    const buildResult = new sfn.Pass(this, 'BuildResult', {
      parameters: {
        input: { bucket: sfn.JsonPath.stringAt('$.detail.bucket.name'), key: inputKey },
        sourceLanguage: sfn.JsonPath.stringAt(language),
        languageScore: sfn.JsonPath.numberAt('$.detected.languages[0].Score'),
        translatedToEnglish: sfn.JsonPath.objectAt('$.english.translated'),
        englishText: sfn.JsonPath.stringAt('$.analysis.maskedText'),
        targetTranslation: sfn.JsonPath.objectAt('$.target'),
        sentiment: sfn.JsonPath.objectAt('$.analysis.sentiment'),
        entities: sfn.JsonPath.objectAt('$.analysis.entities'),
        entityCount: sfn.JsonPath.numberAt('$.analysis.entityCount'),
        keyPhrases: sfn.JsonPath.objectAt('$.analysis.keyPhrases'),
        keyPhraseCount: sfn.JsonPath.numberAt('$.analysis.keyPhraseCount'),
        piiTypes: sfn.JsonPath.objectAt('$.analysis.piiTypes'),
        analysedInChunks: sfn.JsonPath.numberAt('$.analysis.chunks'),
        audioKey: sfn.JsonPath.format(`${LAYOUT.audioPrefix}{}/{}.mp3`, inputKey, sfn.JsonPath.stringAt('$.speech.taskId')),
        execution: sfn.JsonPath.stringAt('$$.Execution.Name'),
      },
      resultPath: '$.result',
    });
    const writeResult = putJson(this, STATES.writeResult, output, LAYOUT.resultPrefix, '$.result');
    retryAndCatch(writeResult, THROTTLING.s3);
    writeError.addRetry({ errors: THROTTLING.s3, interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 5 });

    keepEnglish.next(analyse);
    translateToEnglish.next(analyse);
    analyse.next(
      new sfn.Choice(this, 'HasTargetLanguage')
        .when(
          sfn.Condition.or(
            sfn.Condition.stringEquals('$.input.targetLanguage', 'none'),
            sfn.Condition.stringEquals('$.input.targetLanguage', 'en'),
          ),
          noTarget,
        )
        .otherwise(translateToTarget),
    );
    noTarget.next(startSpeech);
    translateToTarget.next(startSpeech);
    startSpeech
      .next(waitForSpeech)
      .next(getSpeechTask)
      .next(
        new sfn.Choice(this, 'SpeechDone')
          .when(sfn.Condition.stringEquals('$.speechTask.task.TaskStatus', 'completed'), buildResult)
          .when(sfn.Condition.stringEquals('$.speechTask.task.TaskStatus', 'failed'), speechFailed)
          .when(
            sfn.Condition.numberGreaterThanEquals('$.speech.polls', maxPolls - 1),
            fail('SpeechSynthesisTimedOut', `Polly's task was not done after ${maxPolls} looks.`),
          )
          .otherwise(countPoll),
      );
    countPoll.next(waitForSpeech);
    buildResult.next(writeResult).next(new sfn.Succeed(this, 'Done', { outputPath: '$.result' }));
    const definition = readInput.next(detectLanguage).next(
      new sfn.Choice(this, 'IsEnglish')
        .when(sfn.Condition.isNotPresent(language), fail('LanguageNotDetected', 'Comprehend found no dominant language.'))
        .when(sfn.Condition.stringEquals(language, 'en'), keepEnglish)
        .otherwise(translateToEnglish),
    );

    this.stateMachine = new sfn.StateMachine(this, 'Resource', {
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      stateMachineType: sfn.StateMachineType.STANDARD,
      comment: 'ML Lab Kit lab 04: Comprehend, Translate and Polly for each text uploaded under input/.',
      timeout: Duration.minutes(15),
      tracingEnabled: true,
      logs: {
        // Under /aws/vendedlogs/, so that no deploy grows the account's CloudWatch Logs resource policy.
        destination: LabLogGroup.forStateMachine(this, 'Logs', { encryptionKey: props.encryptionKey }),
        level: sfn.LogLevel.ALL,
        // Execution data holds the documents' text; keep it out of the logs.
        includeExecutionData: false,
      },
    });
    // Polly writes the MP3 with the caller's permissions: the state machine's role puts audio/ objects,
    // and uses the lab key through S3 only (for audio/ and for the JSON it writes itself).
    const { region } = Stack.of(this);
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [output.arnForObjects(`${LAYOUT.audioPrefix}*`)],
      }),
    );
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [props.encryptionKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } },
      }),
    );
  }
}

/** A ResultSelector that keeps the named fields of a Lambda function's response. */
function selectPayload(fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, sfn.JsonPath.objectAt(`$.Payload.${f}`)]));
}

/** Writes the JSON at `path` to `<prefix><input key>.json` (S3 direct integration, one prefix only). */
function putJson(scope: Construct, id: string, bucket: s3.IBucket, prefix: string, path: string): tasks.CallAwsService {
  return new tasks.CallAwsService(scope, id, {
    service: 's3',
    action: 'putObject',
    parameters: {
      Bucket: bucket.bucketName,
      Key: sfn.JsonPath.format(`${prefix}{}.json`, sfn.JsonPath.stringAt('$.detail.object.key')),
      Body: sfn.JsonPath.jsonToString(sfn.JsonPath.objectAt(path)),
      ContentType: 'application/json',
    },
    iamResources: [bucket.arnForObjects(`${prefix}*`)],
    resultPath: sfn.JsonPath.DISCARD,
  });
}
