/**
 * The checks every lab with a generated data set runs (labs 03 and 05: labs/<NN-lab>/generate-data.ts): the files
 * in the repository are exactly what the generator writes, and the generator is deterministic but seeded. Each
 * lab's data test adds what its own data must be (format, classes, signal).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface GeneratedDataSet<S extends string> {
  /** The folder the generator writes into. */
  readonly dataDir: string;
  /** Each split's file, relative to `dataDir`. */
  readonly splitFiles: Readonly<Record<S, string>>;
  /** What the generator writes, per split. */
  readonly render: () => Readonly<Record<S, string>>;
  /** The generator's rows: `generate(n)` with the default seed, `generate(n, seed)` with another. */
  readonly generate: (count: number, seed?: number) => unknown;
}

export function generatedDataSetTests<S extends string>(data: GeneratedDataSet<S>): void {
  test('the committed files are what generate-data writes', () => {
    const rendered = data.render();
    for (const split of Object.keys(data.splitFiles) as S[]) {
      expect(fs.readFileSync(path.join(data.dataDir, data.splitFiles[split]), 'utf8')).toBe(rendered[split]);
    }
  });

  test('is deterministic and depends on the seed', () => {
    expect(data.generate(20)).toEqual(data.generate(20));
    expect(data.generate(20, 1)).not.toEqual(data.generate(20, 2));
  });
}
