import * as fs from 'node:fs';
import * as path from 'node:path';
import { LABS } from '../../lib/labs';
import { guidePath, testPath } from '../../lib/labs/lab-info';

const root = path.join(__dirname, '..', '..');

describe('lab registry', () => {
  test('lab ids and stack ids are unique', () => {
    expect(new Set(LABS.map((l) => l.id)).size).toBe(LABS.length);
    expect(new Set(LABS.map((l) => l.stackId)).size).toBe(LABS.length);
  });

  test('stack ids are the stable, user-facing Lab0N names, in lab order', () => {
    expect(LABS.map((l) => l.stackId)).toEqual([
      'Lab01DataLake',
      'Lab02FirehoseTransform',
      'Lab03SageMakerPrivate',
      'Lab04LanguageChain',
      'Lab05TuneAndBatch',
      'Lab06BedrockRag',
      'Lab07MlopsPipeline',
      'Lab08SafeRollout',
    ]);
  });

  test.each(LABS.map((l) => [l.id, l] as const))('lab %s: its definition has a stack factory, its own call table, preflight services and control evidence', (id, lab) => {
    expect(typeof lab.createStack).toBe('function');
    expect(lab.calls.lab).toBe(id);
    expect(lab.safety.preflight.services.length).toBeGreaterThan(0);
    expect(Object.keys(lab.evidence).length).toBeGreaterThan(0);
  });

  test.each(LABS.map((l) => [l.id, l] as const))('lab %s has its folder, guide and stack test file', (_, lab) => {
    expect(fs.existsSync(path.join(root, lab.folder))).toBe(true);
    expect(fs.existsSync(path.join(root, guidePath(lab)))).toBe(true);
    expect(fs.existsSync(path.join(root, testPath(lab)))).toBe(true);
  });
});
