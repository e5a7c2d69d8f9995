import {
  findQuotaCommand,
  quotaAdvice,
  quotaFor,
  quotaName,
  raiseQuotaCommand,
  usageOfJob,
} from '../../lib/safety/sagemaker-quotas';

describe('SageMaker quotas as data', () => {
  test('names follow "<instance type> for <usage>"', () => {
    expect(quotaName('training', 'ml.m5.large')).toBe('ml.m5.large for training job usage');
    expect(quotaName('spot-training', 'ml.m5.large')).toBe('ml.m5.large for spot training job usage');
    expect(quotaName('endpoint', 'ml.t2.medium')).toBe('ml.t2.medium for endpoint usage');
    expect(quotaName('transform', 'ml.m5.large')).toBe('ml.m5.large for transform job usage');
  });

  test('every quota the labs consume has a known code', () => {
    expect(quotaFor('training', 'ml.m5.large').code).toBe('L-611FA074');
    expect(quotaFor('endpoint', 'ml.t2.medium').code).toBe('L-29C181D7');
    expect(quotaFor('transform', 'ml.m5.large').code).toBe('L-236AE59F');
  });

  test('the raise command is exact, with the Region when known', () => {
    expect(raiseQuotaCommand(quotaFor('training', 'ml.m5.large'), 1, 'eu-west-1')).toBe(
      'aws service-quotas request-service-quota-increase --service-code sagemaker --quota-code L-611FA074 ' +
        '--desired-value 1 --region eu-west-1',
    );
  });

  test('an unknown quota gets a placeholder code and the command that finds it', () => {
    const quota = quotaFor('training', 'ml.p5.48xlarge');
    expect(quota.code).toBeUndefined();
    const advice = quotaAdvice(quota, 2);
    expect(advice).toContain(findQuotaCommand(quota));
    expect(advice).toContain('--quota-code <code> --desired-value 2');
    expect(advice).toContain('approval can take a day');
  });

  test('a desired value that is not a whole positive number is refused', () => {
    expect(() => raiseQuotaCommand(quotaFor('training', 'ml.m5.large'), 0)).toThrow(/at least 1/);
    expect(() => raiseQuotaCommand(quotaFor('training', 'ml.m5.large'), 1.5)).toThrow(/whole number/);
  });

  test('job kinds map to the usage SageMaker counts', () => {
    expect(usageOfJob('tuning', false)).toBe('training');
    expect(usageOfJob('training', true)).toBe('spot-training');
    expect(usageOfJob('transform', false)).toBe('transform');
  });
});
