/**
 * `cdk ls` and `cdk destroy` only read the stacks' names: the app the CLI runs for them (bin/app.ts, with
 * cliAppProps) bundles nothing, copies no asset and runs no validation. The CLI tells the app which command
 * runs through `aws:cdk:bundling-stacks` (aws-cdk 2.1148.1, node_modules/aws-cdk/lib/index.js,
 * commandLineArgumentsToSettings: `[]` unless the command is one of BUNDLING_COMMANDS).
 */
import * as fs from 'node:fs';
// oxlint-disable-next-line no-restricted-imports -- the App the CLI runs, not testApp(), which turns staging off
import { App } from 'aws-cdk-lib';
import { addLabs } from '../../lib/app';
import { LABS } from '../../lib/labs';
import { cdkJsonContext, cliAppProps } from '../../lib/synthesize';
import { TEST_ENV, testOutdir } from '../helpers/synth';

// As the CLI passes them: `cdk ls` / `cdk destroy`; `cdk synth` / `deploy` / `diff`; `cdk deploy --exclusively`.
const LISTING = { 'aws:cdk:bundling-stacks': [] };
const DEPLOYING = { 'aws:cdk:bundling-stacks': ['**'] };
const EXCLUSIVELY = { 'aws:cdk:bundling-stacks': ['Lab01DataLake'] };

test.each([
  ['cdk ls and cdk destroy: no validation', LISTING, false],
  ['cdk synth, deploy and diff: every validation', DEPLOYING, true],
  ['cdk deploy --exclusively: every validation', EXCLUSIVELY, true],
  ['an App run without the CLI: every validation', {}, true],
])('%s', (_command, context, validations) => {
  expect(cliAppProps(context).validations).toBe(validations);
});

describe('the app that `cdk ls` runs', () => {
  const outdir = testOutdir();
  const context = { ...cdkJsonContext(), ...LISTING, lab: 'data-lake' };
  const { props, validations } = cliAppProps(context);
  // The CLI's context arrives through the environment; here it is handed over as the App's defaults.
  const app = new App({ ...props, outdir, context });
  const { stacks } = addLabs(app, LABS, TEST_ENV, { validations });
  app.synth();
  const written = fs.readdirSync(outdir);

  test('still lists the lab', () => {
    expect(stacks.map((s) => s.stackName)).toEqual(['Lab01DataLake']);
    expect(written).toContain('Lab01DataLake.template.json');
  });

  test('runs no validation and copies no asset', () => {
    expect(written.filter((f) => f === 'validation-report.json' || f.startsWith('asset.'))).toEqual([]);
  });
});
