/**
 * Every lab's call table (lib/labs/<lab>/calls.ts) evaluated against its synthesized template with a
 * real IAM policy evaluator: each call a lab depends on is allowed, each call it must not allow is denied.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CallTable } from '../../lib/labs/call-table';
import { LAB_REGISTRY } from '../../lib/labs/registry';
import { synthLab } from '../helpers/synth';
import { CallEvaluator, formatFailures } from './evaluator';
import { TemplateModel } from './template-model';

const LIB_LABS = path.join(__dirname, '..', '..', 'lib', 'labs');

/** The call table of a lab, or undefined when the lab has none. */
function callTable(labId: string): CallTable | undefined {
  const file = path.join(LIB_LABS, labId, 'calls.ts');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return fs.existsSync(file) ? (require(file) as { CALLS: CallTable }).CALLS : undefined;
}

/**
 * Labs whose table is being written right now. Temporary: remove a lab's id in the commit that adds its
 * table; from then on a missing table fails.
 */
const TABLES_IN_PROGRESS = new Set(['firehose-transform', 'sagemaker-private', 'language-chain', 'tune-and-batch', 'bedrock-rag']);

describe.each(LAB_REGISTRY.map((lab) => [lab.id]))('%s', (labId) => {
  const table = callTable(labId);
  if (!table && TABLES_IN_PROGRESS.has(labId)) {
    test.todo('has a call table in lib/labs/<lab>/calls.ts (in progress)');
    return;
  }

  test('has a call table in lib/labs/<lab>/calls.ts', () => {
    expect(table?.lab).toBe(labId);
    expect(table?.calls.some((c) => c.expect === 'allow')).toBe(true);
    expect(table?.calls.some((c) => c.expect === 'deny')).toBe(true);
  });

  // Synthesized once, at collection (the temporary assembly is removed after the file's tests).
  const model = table && new TemplateModel(synthLab(labId, { validations: false }));

  test('every call it depends on is allowed, every call it must not allow is denied', async () => {
    if (!model) {
      throw new Error(`${labId} has no call table: write lib/labs/${labId}/calls.ts (see lib/labs/call-table.ts)`);
    }
    const evaluator = new CallEvaluator(model);
    const results = [];
    for (const row of table?.calls ?? []) {
      results.push(await evaluator.evaluate(row));
    }
    expect(formatFailures(results)).toBe('');
  });
});
