import { AthenaClient, GetWorkGroupCommand } from '@aws-sdk/client-athena';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetDatabaseCommand, GlueClient } from '@aws-sdk/client-glue';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { findLab } from '../../../lib/labs';
import { destroy } from '../../../labs/shared/destroy';
import { awsError, fakeLeftoverClients, fakePreflightClients, resetMocks } from '../../safety/fake-aws';

// Lab 01's leftovers scan asks the Tagging API, CloudWatch Logs, Glue and Athena.
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const logs = mockClient(CloudWatchLogsClient);
const glue = mockClient(GlueClient);
const athena = mockClient(AthenaClient);
const leftovers = fakeLeftoverClients();
const sts = mockClient(STSClient);
const lab = findLab('data-lake');

let order: string[];
let printed: string[];
let cdk: jest.Mock<Promise<number>, [readonly string[]]>;
const run = (...argv: string[]) => destroy(lab, argv, { aws: () => Promise.resolve({ region: 'eu-west-1' }), sts: () => fakePreflightClients().sts, leftovers: () => leftovers, cdk, print: (text) => printed.push(text) });

beforeEach(() => {
  resetMocks(tagging, logs, glue, athena, sts);
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012' });
  order = [];
  printed = [];
  tagging.on(GetResourcesCommand).callsFake(() => {
    order.push('leftovers');
    return { ResourceTagMappingList: [] };
  });
  logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [] });
  glue.on(GetDatabaseCommand).rejects(awsError('EntityNotFoundException'));
  athena.on(GetWorkGroupCommand).rejects(awsError('InvalidRequestException', 'WorkGroup x is not found.'));
  cdk = jest.fn((_args: readonly string[]) => {
    order.push('cdk');
    return Promise.resolve(0);
  });
});

describe('npm run lab -- <lab> destroy', () => {
  test('without credentials: one line, and neither the CDK nor the scan runs', async () => {
    sts.on(GetCallerIdentityCommand).rejects(awsError('CredentialsProviderError', 'Could not load credentials from any providers'));
    await expect(run()).resolves.toBe(1);
    expect(cdk).not.toHaveBeenCalled();
    expect(order).toEqual([]);
    expect(printed).toEqual([expect.stringMatching(/^✖ Not destroying Lab01DataLake: Credentials for eu-west-1: no AWS credentials were found/)]);
  });

  test('runs cdk destroy --force for the copy, then the leftovers scan; exit 0 when both pass', async () => {
    await expect(run('--learner', 'alice')).resolves.toBe(0);
    expect(cdk.mock.calls).toEqual([[['destroy', '--force', '-c', 'lab=data-lake', '-c', 'learner=alice', 'alice-Lab01DataLake']]]);
    expect(order).toEqual(['cdk', 'leftovers']);
    expect(tagging.commandCalls(GetResourcesCommand)[0].args[0].input.TagFilters).toContainEqual({ Key: 'learner', Values: ['alice'] });
    const output = printed.join('\n');
    expect(output).toContain('✔ alice-Lab01DataLake in eu-west-1: nothing billable remains.');
    expect(output).toMatch(/✔ cdk destroy exited with 0; ✔ nothing billable is left\.$/);
  });

  test('a failed cdk destroy still runs the scan, reports both, and returns the CDK exit code', async () => {
    cdk.mockImplementation(() => {
      order.push('cdk');
      return Promise.resolve(2);
    });
    logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [{ logGroupName: '/aws/lambda/Lab01DataLake-Fn', storedBytes: 7 }] });
    await expect(run()).resolves.toBe(2);
    expect(order).toEqual(['cdk', 'leftovers']);
    const output = printed.join('\n');
    expect(output).toContain('✖ logs:log-group /aws/lambda/Lab01DataLake-Fn (7 bytes stored)');
    expect(output).toMatch(/✖ cdk destroy exited with 2; ✖ the leftovers check did not pass \(see above\)\.$/);
  });

  test('a clean cdk destroy with a billable leftover exits 1', async () => {
    logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [{ logGroupName: '/aws/lambda/Lab01DataLake-Fn' }] });
    await expect(run()).resolves.toBe(1);
    expect(printed.join('\n')).toMatch(/✔ cdk destroy exited with 0; ✖ the leftovers check did not pass/);
  });

  test('a throttled scan is not a pass: exit 1, and the part it could not check is named', async () => {
    glue.on(GetDatabaseCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    await expect(run()).resolves.toBe(1);
    expect(printed.join('\n')).toMatch(/\? could not check Glue database lab01datalake_beehives: AWS throttled glue:GetDatabase/);
  });

  test.each([
    [['--learner', 'al-ice'], /^--learner "al-ice" is not a learner name/],
    [['--yes', 'please'], /^destroy has no option --yes\. Its options: --learner /],
    [['-c', 'learner=alice'], /^Write --learner alice instead of -c learner=alice/],
  ])('%p is refused with one line before anything runs', async (argv, message) => {
    await expect(run(...argv)).rejects.toThrow(message);
    expect(order).toEqual([]);
  });
});
