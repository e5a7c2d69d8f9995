/**
 * A stand-in for AWS when running the synthesized state machine with aws-local-stepfunctions: an
 * in-memory S3, the real read/analyse/translate logic over mocked service calls, and Polly tasks that
 * finish after a given number of looks. Tests override Task states by name with these handlers.
 */
import {
  BatchDetectEntitiesCommand,
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  ComprehendClient,
  DetectPiiEntitiesCommand,
} from '@aws-sdk/client-comprehend';
import { TranslateClient, TranslateTextCommand } from '@aws-sdk/client-translate';
import { mockClient } from 'aws-sdk-client-mock';
import type { StateMachine, StateMachineDefinition } from 'aws-local-stepfunctions';
import { analyseEnglish } from '../../../lambda/language-analyse/analyse';
import { checkedInput } from '../../../lambda/language-read/check';
import { translateText } from '../../../lambda/language-translate/translate';
import { STATES } from '../../../lib/labs/language-chain/state-machine';
import type { LabTemplate } from '../../helpers/shared-synth';

/** aws-local-stepfunctions' JSON value type (not exported by name). */
export type Json = Parameters<StateMachine['run']>[0];

// aws-local-stepfunctions 3 requires Node.js 22 (Promise.withResolvers, in its Task timeout); the kit
// still supports Node.js 20, so provide it there.
if (!('withResolvers' in Promise)) {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    value<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

/** The synthesized definition, with references replaced by plausible ARNs and names. */
export function definitionOf(template: LabTemplate['template']): StateMachineDefinition {
  const [machine] = Object.values(template.Resources).filter((r) => r.Type === 'AWS::StepFunctions::StateMachine');
  const definition = machine.Properties?.DefinitionString as { 'Fn::Join': [string, unknown[]] };
  const text = definition['Fn::Join'][1]
    .map((part) => {
      if (typeof part === 'string') {
        return part;
      }
      const ref = (part as { Ref?: string }).Ref;
      const getAtt = (part as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
      if (ref === 'AWS::Partition') {
        return 'aws';
      }
      if (ref) {
        return `bucket-${ref.toLowerCase()}`;
      }
      if (getAtt) {
        return `arn:aws:lambda:us-east-1:123456789012:function:${getAtt[0]}`;
      }
      throw new Error(`Unexpected reference in the definition: ${JSON.stringify(part)}`);
    })
    .join('');
  return JSON.parse(text) as StateMachineDefinition;
}

/** An EventBridge "Object Created" event of the input bucket, as the rule delivers it. */
export function objectCreated(bucket: string, key: string) {
  return {
    version: '0',
    id: 'event-1',
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: '123456789012',
    time: '2026-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [`arn:aws:s3:::${bucket}`],
    detail: { version: '0', bucket: { name: bucket }, object: { key, size: 1 }, reason: 'PutObject' },
  };
}

export interface StoredObject {
  readonly body: Uint8Array;
  readonly metadata?: Record<string, string>;
}

/** Error as the Step Functions service integrations name them (`Comprehend.TooManyRequestsException`). */
export function serviceError(name: string, message = name): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

export interface WorldOptions {
  /** How many GetSpeechSynthesisTask calls return inProgress before the final status. @default 1 */
  readonly speechPollsBeforeDone?: number;
  /** Polly's final status. @default completed */
  readonly speechStatus?: 'completed' | 'failed' | 'inProgress';
  /** Errors DetectDominantLanguage throws before it answers, one per call. */
  readonly detectErrors?: Error[];
}

/** Language per text: a stand-in for Comprehend's language detection, keyed on a marker word. */
function languageOf(text: string): string {
  if (/\b(el|muy|es)\b/.test(text)) {
    return 'es';
  }
  if (/\b(le|très|est)\b/.test(text)) {
    return 'fr';
  }
  return 'en';
}

export class ChainWorld {
  readonly objects = new Map<string, StoredObject>();
  readonly calls: Record<string, unknown[]> = {};
  private readonly comprehend = new ComprehendClient({ region: 'us-east-1' });
  private readonly translate = new TranslateClient({ region: 'us-east-1' });
  private polls = 0;

  constructor(private readonly options: WorldOptions = {}) {
    const comprehend = mockClient(this.comprehend);
    const perDocument = <T>(texts: string[] | undefined, item: (text: string, index: number) => T) =>
      ({ ResultList: (texts ?? []).map((t, i) => ({ Index: i, ...item(t, i) })), ErrorList: [] });
    comprehend.on(BatchDetectSentimentCommand).callsFake((input: { TextList?: string[] }) =>
      perDocument(input.TextList, (t) => ({
        Sentiment: /terrible|awful/.test(t) ? 'NEGATIVE' : 'POSITIVE',
        SentimentScore: /terrible|awful/.test(t)
          ? { Positive: 0.05, Negative: 0.9, Neutral: 0.04, Mixed: 0.01 }
          : { Positive: 0.9, Negative: 0.02, Neutral: 0.07, Mixed: 0.01 },
      })),
    );
    comprehend.on(BatchDetectEntitiesCommand).callsFake((input: { TextList?: string[] }) =>
      perDocument(input.TextList, (t) => ({ Entities: occurrences(t, 'Seattle').map((e) => ({ ...e, Type: 'LOCATION', Score: 0.99 })) })),
    );
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input: { TextList?: string[] }) =>
      perDocument(input.TextList, (t) => ({ KeyPhrases: occurrences(t, 'coffee').map((e) => ({ ...e, Score: 0.95 })) })),
    );
    comprehend.on(DetectPiiEntitiesCommand).callsFake((input: { Text?: string }) => ({
      Entities: occurrences(input.Text ?? '', 'jane@example.com').map((e) => ({ BeginOffset: e.BeginOffset, EndOffset: e.EndOffset, Type: 'EMAIL', Score: 0.99 })),
    }));
    mockClient(this.translate)
      .on(TranslateTextCommand)
      .callsFake((input: { Text?: string; TargetLanguageCode?: string }) => ({
        TranslatedText: `[${input.TargetLanguageCode}] ${input.Text ?? ''}`,
      }));
  }

  put(bucket: string, key: string, body: string | Uint8Array, metadata?: Record<string, string>): void {
    this.objects.set(`${bucket}/${key}`, { body: typeof body === 'string' ? new TextEncoder().encode(body) : body, metadata });
  }

  /** A written JSON object, parsed, or undefined. */
  json(bucket: string, key: string): Record<string, unknown> | undefined {
    const object = this.objects.get(`${bucket}/${key}`);
    return object && (JSON.parse(new TextDecoder().decode(object.body)) as Record<string, unknown>);
  }

  keys(): string[] {
    return [...this.objects.keys()].sort();
  }

  private record(state: string, input: unknown): void {
    (this.calls[state] ??= []).push(input);
  }

  /** Handlers for every Task state, by state name. */
  handlers(): Record<string, (input: Json) => Promise<Json>> {
    const detectErrors = [...(this.options.detectErrors ?? [])];
    const lambda = (state: string, fn: (payload: Record<string, string>) => unknown) => async (input: Json) => {
      this.record(state, input);
      const { Payload } = input as { Payload: Record<string, string> };
      return { StatusCode: 200, Payload: (await fn(Payload)) as Json };
    };
    const putObject = (state: string) => async (input: Json) => {
      this.record(state, input);
      const { Bucket, Key, Body } = input as { Bucket: string; Key: string; Body: string };
      this.put(Bucket, Key, Body);
      return Promise.resolve({ ETag: '"etag"' });
    };
    return {
      [STATES.readInput]: lambda(STATES.readInput, ({ bucket, key }) => {
        const object = this.objects.get(`${bucket}/${key}`);
        if (!object) {
          throw serviceError('NoSuchKey', `${key} does not exist`);
        }
        return checkedInput(object.body, object.metadata, 'none');
      }),
      [STATES.detectLanguage]: (input: Json) => {
        this.record(STATES.detectLanguage, input);
        const error = detectErrors.shift();
        if (error) {
          return Promise.reject(error);
        }
        const { Text } = input as { Text: string };
        return Promise.resolve({ Languages: [{ LanguageCode: languageOf(Text), Score: 0.98 }] });
      },
      [STATES.translateToEnglish]: lambda(STATES.translateToEnglish, (p) =>
        translateText(p.text, p.sourceLanguage, p.targetLanguage, this.translate),
      ),
      [STATES.translateToTarget]: lambda(STATES.translateToTarget, (p) =>
        translateText(p.text, p.sourceLanguage, p.targetLanguage, this.translate),
      ),
      [STATES.analyse]: lambda(STATES.analyse, (p) => analyseEnglish(p.text, this.comprehend)),
      [STATES.startSpeech]: (input: Json) => {
        this.record(STATES.startSpeech, input);
        return Promise.resolve({ SynthesisTask: { TaskId: 'task-1', TaskStatus: 'scheduled' } });
      },
      [STATES.getSpeechTask]: (input: Json) => {
        this.record(STATES.getSpeechTask, input);
        const done = this.polls++ >= (this.options.speechPollsBeforeDone ?? 1);
        const status = done ? (this.options.speechStatus ?? 'completed') : 'inProgress';
        return Promise.resolve({
          SynthesisTask: {
            TaskId: 'task-1',
            TaskStatus: status,
            ...(status === 'failed' && { TaskStatusReason: 'Voice not available' }),
          },
        });
      },
      [STATES.writeResult]: putObject(STATES.writeResult),
      [STATES.writeError]: putObject(STATES.writeError),
    };
  }
}

function occurrences(text: string, word: string): { Text: string; BeginOffset: number; EndOffset: number }[] {
  const chars = Array.from(text);
  const target = Array.from(word);
  const found = [];
  for (let i = 0; i + target.length <= chars.length; i++) {
    if (chars.slice(i, i + target.length).join('') === word) {
      found.push({ Text: word, BeginOffset: i, EndOffset: i + target.length });
    }
  }
  return found;
}
