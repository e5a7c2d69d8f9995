/**
 * Every deploy-time version and replacement trigger changes with what it stands for: a changed guardrail
 * publishes a new guardrail version, changed sample data starts a new SageMaker job (its name is a hash of
 * the request and the data's fingerprint, lambda/sagemaker-job/job.ts, tested in test/lambda), and a
 * resource that reads uploaded data is updated when the upload changes. Reads the run's shared synth.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { folderFingerprint } from '../../lib/constructs/sample-data';
import { guardrailPolicies, policyFingerprint } from '../../lib/labs/bedrock-rag/guardrail';
import { TRAINING_DATA_FOLDER } from '../../lib/labs/sagemaker-private/stack';
import { CHANNELS_FOLDER, TEST_FOLDER } from '../../lib/labs/tune-and-batch/stack';
import { appTemplates } from '../helpers/shared-synth';
import { testTempDir } from '../helpers/temp-dir';
import { staleDataProblems } from './create-order';
import { DestroyOrder } from './destroy-order';
import { TemplateModel } from './template-model';

const REPO_ROOT = path.join(__dirname, '..', '..');
const models = new Map(appTemplates().map(({ labId, stackName, template }) => [labId, new TemplateModel(stackName, template)]));
const model = (labId: string) => models.get(labId)!;
const ofType = (m: TemplateModel, type: string) => Object.values(m.resources).filter((r) => r.Type === type);

/** Every leaf of a plain value, changed one at a time: a copy per leaf. */
function eachLeafChanged(value: unknown): unknown[] {
  if (Array.isArray(value)) {
    const list = value as unknown[];
    return list.flatMap((v, i) => eachLeafChanged(v).map((changed) => list.map((w, j) => (j === i ? changed : w))));
  }
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return Object.keys(obj).flatMap((k) => eachLeafChanged(obj[k]).map((changed) => ({ ...obj, [k]: changed })));
  }
  return [typeof value === 'number' ? value + 0.01 : `${String(value)}x`];
}

describe('guardrail version', () => {
  const policies = guardrailPolicies();

  test('a change to anything the guardrail enforces changes the fingerprint the version is published under', () => {
    const changed = eachLeafChanged(policies);
    expect(changed.length).toBeGreaterThan(20);
    const same = changed.filter((c) => policyFingerprint(c as typeof policies) === policyFingerprint(policies));
    expect(same).toEqual([]);
  });

  test('the guardrail gets exactly the policies the fingerprint covers, and its version carries the fingerprint', () => {
    const m = model('bedrock-rag');
    const [guardrail] = ofType(m, 'AWS::Bedrock::Guardrail');
    const keys = Object.keys(guardrail.Properties ?? {}).filter((k) => !['Name', 'KmsKeyArn', 'Description', 'Tags'].includes(k));
    expect(keys.sort()).toEqual(Object.keys(policies).map((k) => k[0].toUpperCase() + k.slice(1)).sort());
    const [version] = ofType(m, 'AWS::Bedrock::GuardrailVersion');
    expect(version.Properties?.Description).toContain(policyFingerprint(policies));
  });
});

describe('data fingerprints', () => {
  const dir = testTempDir();

  test('change with a file\'s content, a file\'s name and a new file, and not otherwise', () => {
    const folder = path.join(dir, 'data');
    fs.mkdirSync(path.join(folder, 'train'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'train', 'a.csv'), '1,2\n');
    const before = folderFingerprint(folder);
    expect(folderFingerprint(folder)).toBe(before);
    fs.writeFileSync(path.join(folder, 'train', 'a.csv'), '1,3\n');
    const content = folderFingerprint(folder);
    fs.renameSync(path.join(folder, 'train', 'a.csv'), path.join(folder, 'train', 'b.csv'));
    const name = folderFingerprint(folder);
    fs.writeFileSync(path.join(folder, 'train', 'c.csv'), '');
    const added = folderFingerprint(folder);
    expect(new Set([before, content, name, added]).size).toBe(4);
  });

  test.each([
    ['sagemaker-private', 'Custom::SageMakerTrainingJob', TRAINING_DATA_FOLDER],
    ['tune-and-batch', 'Custom::SageMakerTuningJob', CHANNELS_FOLDER],
    ['tune-and-batch', 'Custom::SageMakerTransformJob', TEST_FOLDER],
  ])('%s: the %s is named after the fingerprint of the files it reads (%s)', (labId, type, folder) => {
    const jobs = ofType(model(labId), type);
    expect(jobs.map((j) => j.Properties?.DataFingerprint)).toEqual([folderFingerprint(path.join(REPO_ROOT, folder))]);
  });
});

describe.each([...models.keys()])('%s', (labId) => {
  test('every resource that reads data written during deploy changes when that data changes', () => {
    expect(staleDataProblems(new DestroyOrder(model(labId)))).toEqual([]);
  });
});
