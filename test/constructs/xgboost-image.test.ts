import { XGBOOST_IMAGE, xgboostImage } from '../../lib/constructs/xgboost-image';

test('gives the Region\'s registry account and image URI', () => {
  expect(xgboostImage('eu-west-1', 'amazonaws.com')).toEqual({
    registryAccount: '141502667606',
    repository: 'sagemaker-xgboost',
    uri: '141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1',
  });
  expect(xgboostImage('cn-north-1', 'amazonaws.com.cn').uri).toBe('450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-xgboost:1.7-1');
});

test('fails for a Region missing from the table, naming the source to update it from', () => {
  expect(() => xgboostImage('xx-nowhere-1', 'amazonaws.com')).toThrow(XGBOOST_IMAGE.source);
});

test('every entry is a Region name and a 12-digit account', () => {
  for (const [region, account] of Object.entries(XGBOOST_IMAGE.registries)) {
    expect(region).toMatch(/^[a-z]{2}(-[a-z]+)+-\d$/);
    expect(account).toMatch(/^\d{12}$/);
  }
  expect(Object.keys(XGBOOST_IMAGE.registries)).toContain('us-east-1');
});
