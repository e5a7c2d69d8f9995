import * as fs from 'node:fs';
import * as path from 'node:path';
import { guidePath, LAB_CATALOG, testPath } from '../../lib/labs/catalog';
import { LAB_REGISTRY } from '../../lib/labs/registry';

const root = path.join(__dirname, '..', '..');

describe('lab registry', () => {
  test('lab ids and stack ids are unique', () => {
    expect(new Set(LAB_REGISTRY.map((l) => l.id)).size).toBe(LAB_REGISTRY.length);
    expect(new Set(LAB_REGISTRY.map((l) => l.stackId)).size).toBe(LAB_REGISTRY.length);
  });

  test('stack ids are the stable, user-facing Lab0N names, in lab order', () => {
    expect(LAB_REGISTRY.map((l) => l.stackId)).toEqual([
      'Lab01DataLake',
      'Lab02FirehoseTransform',
      'Lab03SageMakerPrivate',
      'Lab04LanguageChain',
      'Lab05TuneAndBatch',
      'Lab06BedrockRag',
    ]);
  });

  test('the registry adds a stack factory to every catalogue entry, and nothing else', () => {
    expect(LAB_REGISTRY.map(({ create: _create, ...info }) => info)).toEqual(LAB_CATALOG);
    for (const lab of LAB_REGISTRY) {
      expect(typeof lab.create).toBe('function');
    }
  });

  test.each(LAB_REGISTRY.map((l) => [l.id, l] as const))('lab %s has its folder, guide and stack test file', (_, lab) => {
    expect(fs.existsSync(path.join(root, lab.folder))).toBe(true);
    expect(fs.existsSync(path.join(root, guidePath(lab)))).toBe(true);
    expect(fs.existsSync(path.join(root, testPath(lab)))).toBe(true);
  });
});
