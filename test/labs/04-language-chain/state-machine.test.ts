/**
 * The chain's flow, run on the synthesized definition with aws-local-stepfunctions: every Task state is
 * replaced by a local handler (real chunking/analysis code over mocked service calls), so the Choice,
 * Retry, Catch and Wait logic that runs is the one that deploys.
 */
import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';
import { STATES } from '../../../lib/labs/language-chain/state-machine';
import { appTemplates } from '../../helpers/shared-synth';
import { ChainWorld, definitionOf, type Json, objectCreated, serviceError, type WorldOptions } from './chain-world';

// Only the definition is needed: from the run's shared synth of the app (test/helpers/shared-synth.ts).
const definition = definitionOf(appTemplates().find((t) => t.labId === 'language-chain')!.template);
const INPUT = 'bucket-input49f21b70';
const OUTPUT = 'bucket-outputab65cdde';

interface Run {
  readonly world: ChainWorld;
  readonly output?: Json;
  readonly error?: unknown;
  readonly events: { type: string; state?: { name: string } }[];
}

// The definition is validated once, in its own test below; each run skips the validation (ajv compiles the ASL
// schema again for every machine: 0.3 s a run).
test('the definition is valid Amazon States Language', () => {
  expect(() => new StateMachine(definition, { validationOptions: { checkArn: false } })).not.toThrow();
});

async function upload(key: string, body: string | Uint8Array, options: WorldOptions & { metadata?: Record<string, string> } = {}): Promise<Run> {
  const world = new ChainWorld(options);
  world.put(INPUT, key, body, options.metadata);
  const machine = new StateMachine(definition, { validationOptions: { noValidate: true } });
  const execution = machine.run(objectCreated(INPUT, key), {
    context: { Execution: { Name: 'execution-1' } },
    overrides: {
      taskResourceLocalHandlers: world.handlers(),
      waitTimeOverrides: { [STATES.waitForSpeech]: 0 },
      retryIntervalOverrides: Object.fromEntries(Object.values(STATES).map((s) => [s, 0])),
    },
  });
  const events: Run['events'] = [];
  const collect = (async () => {
    for await (const event of execution.eventLogs) {
      events.push(event);
    }
  })();
  try {
    const output = await execution.result;
    await collect;
    return { world, output, events };
  } catch (error) {
    await collect;
    return { world, error, events };
  }
}

const entered = (run: Run) => run.events.filter((e) => e.type === 'StateEntered').map((e) => e.state?.name);

test('the synthesized definition is the one the test runs', () => {
  expect(definition.StartAt).toBe(STATES.readInput);
  expect(Object.keys(definition.States)).toEqual(expect.arrayContaining(Object.values(STATES)));
});

describe('happy path', () => {
  test('a Spanish text is translated, analysed, read aloud and its result written to output/', async () => {
    const run = await upload('input/review-es.txt', 'El café de Seattle es muy bueno. Escriba a jane@example.com.', {
      speechPollsBeforeDone: 2,
    });
    expect(run.error).toBeUndefined();
    const result = run.world.json(OUTPUT, 'output/input/review-es.txt.json');
    expect(result).toMatchObject({
      input: { bucket: INPUT, key: 'input/review-es.txt' },
      sourceLanguage: 'es',
      translatedToEnglish: true,
      targetTranslation: { language: 'none' },
      sentiment: { label: 'POSITIVE' },
      entities: [{ text: 'Seattle', type: 'LOCATION' }],
      piiTypes: ['EMAIL'],
      audioKey: 'audio/input/review-es.txt/task-1.mp3',
    });
    // The PII value appears nowhere in the result, the spoken text or the audio request.
    expect(JSON.stringify(result)).not.toContain('jane@example.com');
    expect(JSON.stringify(run.world.calls[STATES.startSpeech])).not.toContain('jane@example.com');
    expect(run.world.calls[STATES.startSpeech]).toEqual([
      expect.objectContaining({ OutputS3BucketName: OUTPUT, OutputS3KeyPrefix: 'audio/input/review-es.txt/', OutputFormat: 'mp3' }),
    ]);
    // Polly's task was looked at until it completed: twice in progress, then done.
    expect(run.world.calls[STATES.getSpeechTask]).toHaveLength(3);
    expect(run.world.keys().filter((k) => k.includes('/errors/'))).toEqual([]);
    expect(run.world.objects.has(`${INPUT}/input/review-es.txt`)).toBe(true);
  });

  test('an English text skips translation; a target language from metadata adds a translation', async () => {
    const run = await upload('input/review-en.txt', 'The coffee in Seattle is great.', { metadata: { 'target-language': 'de' } });
    expect(run.error).toBeUndefined();
    expect(entered(run)).toContain('KeepEnglishText');
    expect(entered(run)).not.toContain(STATES.translateToEnglish);
    expect(run.world.json(OUTPUT, 'output/input/review-en.txt.json')).toMatchObject({
      sourceLanguage: 'en',
      translatedToEnglish: false,
      targetTranslation: { language: 'de', text: '[de] The coffee in Seattle is great.' },
    });
  });

  test('throttling of Comprehend is retried and the document still succeeds', async () => {
    const run = await upload('input/busy.txt', 'The coffee in Seattle is great.', {
      detectErrors: [serviceError('Comprehend.TooManyRequestsException')],
    });
    expect(run.error).toBeUndefined();
    expect(run.events.filter((e) => e.type === 'StateRetried').map((e) => e.state?.name)).toEqual([STATES.detectLanguage]);
    expect(run.world.json(OUTPUT, 'output/input/busy.txt.json')).toBeDefined();
  });
});

describe('long-text path', () => {
  test('a text over 5,000 bytes is analysed in chunks and entity offsets point into the whole text', async () => {
    const sentence = 'The coffee tastes terrible today. ';
    const text = `${sentence.repeat(200)}I moved to Seattle last year.`;
    const run = await upload('input/long.txt', text);
    expect(run.error).toBeUndefined();
    const result = run.world.json(OUTPUT, 'output/input/long.txt.json') as {
      englishText: string;
      entities: { text: string; beginOffset: number; endOffset: number }[];
      keyPhraseCount: number;
      analysedInChunks: number;
      sentiment: { label: string };
    };
    expect(Buffer.byteLength(text)).toBeGreaterThan(5_000);
    const [seattle] = result.entities;
    expect(Array.from(result.englishText).slice(seattle.beginOffset, seattle.endOffset).join('')).toBe('Seattle');
    expect(seattle.beginOffset).toBe(Array.from(text).length - 'Seattle last year.'.length);
    expect(result.keyPhraseCount).toBe(200);
    expect(result.analysedInChunks).toBe(2);
    expect(result.sentiment.label).toBe('NEGATIVE');
  });
});

describe('failure path', () => {
  test.each([
    ['an empty file', 'input/empty.txt', '', /empty/],
    ['a binary file', 'input/image.bin', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]), /UTF-8|binary/],
    ['a file over the size limit', 'input/huge.txt', 'a'.repeat(20_001), /limit/],
  ])('%s ends in an error JSON in errors/ and a failed execution', async (_what, key, body, reason) => {
    const run = await upload(key, body);
    expect(run.error).toBeInstanceOf(ExecutionError);
    expect(run.world.json(OUTPUT, `errors/${key}.json`)).toMatchObject({
      input: { bucket: INPUT, key },
      error: 'InputRejected',
      reason: expect.stringMatching(reason),
      execution: 'execution-1',
    });
    expect(run.events.find((e) => e.type === 'ExecutionFailed')).toMatchObject({ Error: 'InputRejected' });
    expect(run.world.json(OUTPUT, `output/${key}.json`)).toBeUndefined();
    expect(run.world.objects.has(`${INPUT}/${key}`)).toBe(true);
    expect(run.world.calls[STATES.detectLanguage]).toBeUndefined();
  });

  test('a service error that outlasts the retries is written to errors/', async () => {
    const throttled = Array.from({ length: 6 }, () => serviceError('Comprehend.TooManyRequestsException', 'Rate exceeded'));
    const run = await upload('input/throttled.txt', 'The coffee in Seattle is great.', { detectErrors: throttled });
    expect(run.error).toBeInstanceOf(ExecutionError);
    expect(run.events.filter((e) => e.type === 'StateRetried')).toHaveLength(5);
    expect(run.world.json(OUTPUT, 'errors/input/throttled.txt.json')).toMatchObject({
      error: 'Comprehend.TooManyRequestsException',
      reason: 'Rate exceeded',
    });
  });

  test('a failed Polly task is written to errors/ with its reason', async () => {
    const run = await upload('input/voice.txt', 'The coffee in Seattle is great.', { speechStatus: 'failed' });
    expect(run.error).toBeInstanceOf(ExecutionError);
    expect(run.world.json(OUTPUT, 'errors/input/voice.txt.json')).toMatchObject({
      error: 'SpeechSynthesisFailed',
      reason: expect.objectContaining({ TaskStatus: 'failed', TaskStatusReason: 'Voice not available' }),
    });
  });

  test('a Polly task that never finishes is given up after a bounded number of looks', async () => {
    const run = await upload('input/slow.txt', 'The coffee in Seattle is great.', { speechStatus: 'inProgress' });
    expect(run.error).toBeInstanceOf(ExecutionError);
    expect(run.world.calls[STATES.getSpeechTask]).toHaveLength(60);
    expect(run.world.json(OUTPUT, 'errors/input/slow.txt.json')).toMatchObject({ error: 'SpeechSynthesisTimedOut' });
  });
});
