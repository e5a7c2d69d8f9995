/** The `generate-data` script of a lab with a seeded train/validation/test data set. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Writes each split's rendered content to its file under `dataDir` (creating folders) and prints the row
 * counts. `render` runs only when the arguments are valid: generate-data takes no options.
 */
export function writeSplitFiles<S extends string>(
  argv: readonly string[],
  dataDir: string,
  files: Readonly<Record<S, string>>,
  rows: Readonly<Record<S, number>>,
  render: () => Record<S, string>,
): Promise<void> {
  if (argv.length > 0) {
    return Promise.reject(new Error('generate-data takes no options.'));
  }
  const contents = render();
  for (const split of Object.keys(files) as S[]) {
    const file = path.join(dataDir, files[split]);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents[split]);
    console.log(`${path.relative(process.cwd(), file)}: ${rows[split]} rows`);
  }
  return Promise.resolve();
}
