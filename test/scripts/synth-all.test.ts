import { knownRegions } from '../../lib/aws-region';
import { addLabsOrExplain } from '../../lib/app';
import { LABS } from '../../lib/labs';
import { regionAdvice, regionSupport } from '../../lib/labs/regions';
import { parseContext, run, unavailableReport } from '../../scripts/synth-all';
import { testApp, testOutdir } from '../helpers/synth';

describe('npm run synth arguments', () => {
  test('take -c and --context key=value pairs like cdk synth', () => {
    expect(parseContext(['-c', 'lab=data-lake', '--context', 'learner=alice'])).toEqual({ lab: 'data-lake', learner: 'alice' });
    expect(parseContext([])).toEqual({});
  });

  test('anything else is rejected with the expected form', () => {
    expect(() => parseContext(['data-lake'])).toThrow('Unexpected argument "data-lake": use -c key=value (for example -c lab=data-lake).');
    expect(() => parseContext(['-c'])).toThrow('Unexpected argument "-c": use -c key=value');
    expect(() => parseContext(['-c', 'lab'])).toThrow('Unexpected argument "lab": use -c key=value');
  });
});

describe('a Region error is said once', () => {
  const outdir = testOutdir();
  const count = (text: string, part: string) => text.split(part).length - 1;

  test('npm run synth with a Region that does not exist: one message, the Region list once, no stack trace', async () => {
    const printed: string[] = [];
    await expect(run([], { AWS_REGION: 'us-east-9' }, (t) => printed.push(t))).resolves.toBe(1);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^✖ Region "us-east-9" \(from AWS_REGION\) is not an AWS Region/);
    expect(count(printed[0], 'af-south-1')).toBe(1);
    expect(printed[0]).not.toMatch(/\n\s+at /);
  });

  test('cdk synth (bin/app.ts) with a Region that does not exist: one message, the Region list once, no stack trace', () => {
    const printed: string[] = [];
    expect(addLabsOrExplain(testApp({ outdir }), LABS, { CDK_DEFAULT_REGION: 'us-east-9' }, (t) => printed.push(t))).toBeUndefined();
    expect(printed).toHaveLength(1);
    expect(count(printed[0], 'af-south-1')).toBe(1);
    expect(printed[0]).not.toMatch(/\n\s+at /);
  });

  test("a Region where several labs cannot be built: each lab's Regions once, what to do once", () => {
    const unavailableIn = (region: string) => LABS.filter((lab) => !regionSupport(lab, region).supported);
    const region = knownRegions().reduce((a, b) => (unavailableIn(b).length > unavailableIn(a).length ? b : a));
    const labs = unavailableIn(region);
    expect(labs.length).toBeGreaterThan(1);
    const report = unavailableReport(region, LABS);
    for (const lab of labs) {
      const support = regionSupport(lab, region);
      expect(count(report, support.supported ? 'unreachable' : support.reason)).toBe(1);
    }
    expect(count(report, 'Its Regions: ')).toBe(labs.length);
    expect(count(report, regionAdvice(region))).toBe(1);
  });
});
