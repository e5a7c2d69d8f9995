/**
 * Every script of every lab (found as `npm run lab` finds them: labs/run.ts labScripts) with each argument
 * mistake a learner makes: one sentence that says what to write, and no AWS call (every SDK client's send
 * throws here).
 */
import * as path from 'node:path';
import { Client } from '@smithy/core/client';
import { KIT_SCRIPTS, labScripts, run } from '../../../labs/run';
import { parseScriptArgs, type ScriptSpec } from '../../../labs/shared/args';
import { findLab, LABS as LAB_CATALOG } from '../../../lib/labs';

const ROOT = path.join(__dirname, '..', '..', '..');

function specOf(folder: string, script: string): ScriptSpec {
  const file = Object.hasOwn(KIT_SCRIPTS, script) ? path.join(ROOT, KIT_SCRIPTS[script]) : path.join(ROOT, folder, `${script}.ts`);
  return jest.requireActual<{ SCRIPT: ScriptSpec }>(file).SCRIPT;
}

const SCRIPTS = LAB_CATALOG.flatMap((lab) => labScripts(path.join(ROOT, lab.folder)).map((script) => ({ lab, script, spec: specOf(lab.folder, script) })));
const CASES = SCRIPTS.map(({ lab, script, spec }) => [`${lab.id} ${script}`, lab.id, script, spec] as const);

let send: jest.SpyInstance;
beforeEach(() => {
  send = jest.spyOn(Client.prototype, 'send').mockImplementation(() => {
    throw new Error('a script called AWS before checking its arguments');
  });
});
afterEach(() => {
  expect(send).not.toHaveBeenCalled();
  send.mockRestore();
});

/** The script's argv: its question first when it takes one. */
const argv = (spec: ScriptSpec, ...rest: string[]) => (spec.question ? ['What does lab 01 teach?', ...rest] : rest);

describe('every lab script speaks the same argument language', () => {
  test('the scripts found are every script of every lab (a new one joins the test by itself)', () => {
    expect(SCRIPTS.map(({ lab, script }) => `${lab.id} ${script}`)).toEqual(
      expect.arrayContaining(['data-lake generate-data', 'data-lake verify', 'firehose-transform produce', 'firehose-transform bench', 'bedrock-rag ask', 'bedrock-rag retrieve', 'tune-and-batch deploy', 'sagemaker-private posture']),
    );
    expect(SCRIPTS.length).toBe(LAB_CATALOG.length * Object.keys(KIT_SCRIPTS).length + 25);
  });

  test.each(CASES)('%s --help: what it does, its options, an example', async (_name, labId, script, spec) => {
    const printed: string[] = [];
    await run([labId, script, ...argv(spec, '--help')], (text) => printed.push(text));
    const help = printed.join('\n');
    expect(help).toMatch(new RegExp(`^Usage: npm run lab -- ${labId} ${script}`));
    expect(help).toContain(spec.summary);
    expect(help).toMatch(/\nOptions:\n/);
    expect(help).toMatch(new RegExp(`\\nExample: npm run lab -- ${labId} ${script}`));
  });

  test.each(CASES)('%s --lerner alice: the nearest known option, never a silent shared copy', async (_name, labId, script, spec) => {
    await expect(run([labId, script, ...argv(spec, '--lerner', 'alice')])).rejects.toThrow(
      spec.learner ? new RegExp(`^${script} has no option --lerner: did you mean --learner\\?`) : new RegExp(`^${script} has no option --lerner\\.`),
    );
  });

  test.each(CASES)('%s -c learner=alice: says --learner alice', async (_name, labId, script, spec) => {
    await expect(run([labId, script, ...argv(spec, '-c', 'learner=alice')])).rejects.toThrow(
      spec.learner ? /^Write --learner alice instead of -c learner=alice/ : new RegExp(`^${script} takes no learner`),
    );
  });

  test.each(CASES)('%s -c learner=Al_ice: a name that breaks the rule is never suggested back', async (_name, labId, script, spec) => {
    const error = await run([labId, script, ...argv(spec, '-c', 'learner=Al_ice')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toContain('--learner Al_ice');
  });

  test.each(CASES.filter(([, , , spec]) => spec.learner))('%s --learner (no value): says it needs one', async (_name, labId, script, spec) => {
    await expect(run([labId, script, ...argv(spec, '--learner')])).rejects.toThrow(/^--learner needs a value: --learner <name>\.$/);
    await expect(run([labId, script, ...argv(spec, '--learner', '--help-me')])).rejects.toThrow(/^--learner needs a value/);
  });

  test.each(CASES.filter(([, , , spec]) => spec.learner))('%s --learner Alice: refused with the naming rule', async (_name, labId, script, spec) => {
    await expect(run([labId, script, ...argv(spec, '--learner', 'Alice')])).rejects.toThrow(/^--learner "Alice" is not a learner name: .*1-16 lowercase letters or digits/);
  });

  test.each(CASES.filter(([, , , spec]) => Object.keys(spec.options ?? {}).length > 0))('%s: a number option that is not one says what it got', async (_name, labId, script, spec) => {
    for (const name of Object.keys(spec.options ?? {})) {
      await expect(run([labId, script, ...argv(spec, `--${name}`, 'lots')])).rejects.toThrow(new RegExp(`^--${name} must be (a whole number|a number) from .* not "lots"\\.$`));
    }
  });

  test.each(CASES.filter(([, , , spec]) => spec.learner))('%s alice (no --learner): asks whether --learner alice was meant', async (_name, labId, script, spec) => {
    await expect(run([labId, script, ...argv(spec, 'alice')])).rejects.toThrow(/^Unexpected argument "alice": did you mean --learner alice\?/);
  });
});

describe('the parser', () => {
  const lab = findLab('firehose-transform');
  const spec: ScriptSpec = {
    script: 'produce',
    summary: 'x',
    learner: true,
    options: { count: { description: 'records', placeholder: '<n>', min: 1, max: 10, integer: true, default: 5 } },
  };

  test('--learner names the learner copy; number options come parsed, with defaults', () => {
    expect(parseScriptArgs(lab, spec, ['--learner', 'alice', '--count', '7'])).toEqual({ stackName: 'alice-Lab02FirehoseTransform', learner: 'alice', options: { count: 7 }, context: [] });
    expect(parseScriptArgs(lab, spec, ['--count=3'])).toMatchObject({ stackName: 'Lab02FirehoseTransform', options: { count: 3 } });
    expect(parseScriptArgs(lab, spec, []).options).toEqual({ count: 5 });
  });

  test.each([['1.5'], ['0'], ['11'], ['']])('--count %p is out of its range or not whole', (value) => {
    expect(() => parseScriptArgs(lab, spec, ['--count', value])).toThrow(`--count must be a whole number from 1 to 10, not ${JSON.stringify(value)}.`);
  });

  test('-c on a script that deploys nothing says where -c goes', () => {
    expect(() => parseScriptArgs(lab, spec, ['-c', 'spot=true'])).toThrow(/^produce takes no -c options: .*npm run lab -- firehose-transform deploy -c spot=/);
  });
});
