import { LAB_REGISTRY } from '../../lib/labs/registry';
import { synthesize } from '../../lib/synthesize';
import { expectNoFindings, TEST_ENV } from '../helpers/synth';

describe('the whole app', () => {
  const result = synthesize({ bundle: false, env: TEST_ENV });

  test('synthesizes one stack per lab, named by its stable stack id', () => {
    expect(result.stacks.map((s) => s.stackName)).toEqual(LAB_REGISTRY.map((l) => l.stackId));
  });

  test('passes cdk-nag, guard and CloudFormation validation with no unacknowledged finding', () => {
    expectNoFindings(result.findings);
  });
});
