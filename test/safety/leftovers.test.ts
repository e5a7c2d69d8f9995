import { AthenaClient, GetWorkGroupCommand } from '@aws-sdk/client-athena';
import { CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetDatabaseCommand, GlueClient } from '@aws-sdk/client-glue';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import {
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListHyperParameterTuningJobsCommand,
  ListModelsCommand,
  ListTrainingJobsCommand,
  ListTransformJobsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { PROJECT_TAG } from '../../lib/labs/lab-stack';
import type { LabLeftovers } from '../../lib/safety/lab-safety';
import { arnKind, leftoversExitCode, renderLeftovers, scanLeftovers, type LeftoverScan } from '../../lib/safety/leftovers';
import { PROJECT_TAG_VALUE } from '../../lib/safety/tags';

const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const logs = mockClient(CloudWatchLogsClient);
const sagemaker = mockClient(SageMakerClient);
const glue = mockClient(GlueClient);
const athena = mockClient(AthenaClient);
const kms = mockClient(KMSClient);

const config = { region: 'eu-west-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } };
const clients = {
  tagging: new ResourceGroupsTaggingAPIClient(config),
  logs: new CloudWatchLogsClient(config),
  sagemaker: new SageMakerClient(config),
  glue: new GlueClient(config),
  athena: new AthenaClient(config),
  kms: new KMSClient(config),
};
const LEFTOVERS: LabLeftovers = {
  logGroupPrefixes: ['/aws/lambda/{stack}-'],
  logStreams: [{ logGroup: '/aws/sagemaker/TrainingJobs', streamPrefix: '{stack-kebab}-xgboost' }],
  sagemakerPrefixes: ['{stack-kebab}-'],
  glueDatabases: ['{stack_snake}_beehives'],
  athenaWorkgroups: ['{stack-kebab}-workgroup'],
};
const COPY = { stackName: 'alice-Lab03SageMakerPrivate', learner: 'alice' };
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function awsError(name: string, message = name): Error {
  return Object.assign(new Error(message), { name, $metadata: {} });
}

/** An account where the destroy removed everything. */
function clean(): void {
  tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
  logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [] });
  logs.on(DescribeLogStreamsCommand).rejects(awsError('ResourceNotFoundException'));
  sagemaker.on(ListEndpointsCommand).resolves({ Endpoints: [] });
  sagemaker.on(ListEndpointConfigsCommand).resolves({ EndpointConfigs: [] });
  sagemaker.on(ListModelsCommand).resolves({ Models: [] });
  sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [] });
  sagemaker.on(ListTransformJobsCommand).resolves({ TransformJobSummaries: [] });
  sagemaker.on(ListHyperParameterTuningJobsCommand).resolves({ HyperParameterTuningJobSummaries: [] });
  glue.on(GetDatabaseCommand).rejects(awsError('EntityNotFoundException'));
  athena.on(GetWorkGroupCommand).rejects(awsError('InvalidRequestException', 'WorkGroup alice-lab03sagemakerprivate-workgroup is not found.'));
}

const scan = () => scanLeftovers({ labId: 'sagemaker-private', copy: COPY, leftovers: LEFTOVERS, clients });

beforeEach(() => {
  for (const m of [tagging, logs, sagemaker, glue, athena, kms]) m.reset();
  clean();
});

describe('leftovers', () => {
  test('a clean account: exit 0 and a one-line summary', async () => {
    const result = await scan();
    expect(result).toEqual({ found: [], unchecked: [] });
    expect(leftoversExitCode(result)).toBe(0);
    expect(renderLeftovers(COPY.stackName, 'eu-west-1', result)).toBe('✔ alice-Lab03SageMakerPrivate in eu-west-1: nothing billable remains.');
  });

  test("asks the Tagging API for this lab and learner's resources only", async () => {
    await scan();
    expect(tagging.commandCalls(GetResourcesCommand)[0].args[0].input.TagFilters).toEqual([
      { Key: 'project', Values: [PROJECT_TAG] },
      { Key: 'lab', Values: ['sagemaker-private'] },
      { Key: 'learner', Values: ['alice'] },
    ]);
    expect(PROJECT_TAG_VALUE).toBe(PROJECT_TAG);
  });

  test('a running endpoint and an enabled key are billable: exit 1', async () => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [{ ResourceARN: KEY }] });
    kms.on(DescribeKeyCommand).resolves({ KeyMetadata: { KeyId: 'k', KeyState: 'Enabled' } });
    sagemaker.on(ListEndpointsCommand).resolves({
      Endpoints: [
        { EndpointName: 'alice-lab03sagemakerprivate-endpoint', EndpointArn: 'a', CreationTime: new Date(), LastModifiedTime: new Date(), EndpointStatus: 'InService' },
        // NameContains also matches another copy whose name contains this one's: not ours.
        { EndpointName: 'xalice-lab03sagemakerprivate-endpoint', EndpointArn: 'b', CreationTime: new Date(), LastModifiedTime: new Date(), EndpointStatus: 'InService' },
      ],
    });
    const result = await scan();
    expect(result.found.map((l) => [l.kind, l.billable])).toEqual([
      ['kms:key', true],
      ['sagemaker:endpoint', true],
    ]);
    expect(leftoversExitCode(result)).toBe(1);
    expect(renderLeftovers(COPY.stackName, 'eu-west-1', result)).toMatch(/2 billable leftover\(s\)\. Destroy again \(npx cdk destroy alice-Lab03SageMakerPrivate\)/);
  });

  test('a key pending deletion is fine, and its date is printed', async () => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [{ ResourceARN: KEY }] });
    kms.on(DescribeKeyCommand).resolves({ KeyMetadata: { KeyId: 'k', KeyState: 'PendingDeletion', DeletionDate: new Date('2026-12-05T10:00:00Z') } });
    const result = await scan();
    expect(result.found).toEqual([{ kind: 'kms:key', name: KEY, billable: false, note: 'pending deletion on 2026-12-05' }]);
    expect(leftoversExitCode(result)).toBe(0);
  });

  test("log groups, the training job's streams, the Glue database and the Athena workgroup are found by name", async () => {
    logs.on(DescribeLogGroupsCommand, { logGroupNamePrefix: '/aws/lambda/alice-Lab03SageMakerPrivate-' }).resolves({
      logGroups: [{ logGroupName: '/aws/lambda/alice-Lab03SageMakerPrivate-Fn', storedBytes: 42 }],
    });
    logs.on(DescribeLogStreamsCommand, { logGroupName: '/aws/sagemaker/TrainingJobs', logStreamNamePrefix: 'alice-lab03sagemakerprivate-xgboost' }).resolves({
      logStreams: [{ logStreamName: 'alice-lab03sagemakerprivate-xgboost-0a1b/algo-1' }],
    });
    glue.on(GetDatabaseCommand, { Name: 'alice_lab03sagemakerprivate_beehives' }).resolves({ Database: { Name: 'alice_lab03sagemakerprivate_beehives' } });
    athena.on(GetWorkGroupCommand, { WorkGroup: 'alice-lab03sagemakerprivate-workgroup' }).resolves({ WorkGroup: { Name: 'alice-lab03sagemakerprivate-workgroup' } });
    const result = await scan();
    expect(result.found.map((l) => `${l.kind} ${l.billable}`)).toEqual([
      'logs:log-group true',
      'logs:log-stream true',
      'glue:database false',
      'athena:workgroup false',
    ]);
  });

  test('a completed training job is a free record; one in progress bills', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolves({
      TrainingJobSummaries: [
        { TrainingJobName: 'alice-lab03sagemakerprivate-xgboost-1', TrainingJobArn: 'a', CreationTime: new Date(), TrainingJobStatus: 'Completed' },
        { TrainingJobName: 'alice-lab03sagemakerprivate-xgboost-2', TrainingJobArn: 'b', CreationTime: new Date(), TrainingJobStatus: 'InProgress' },
      ],
    });
    const result = await scan();
    expect(result.found.map((l) => l.billable)).toEqual([false, true]);
  });

  test('throttling or an unreachable API is reported as unchecked, and the exit code is not 0', async () => {
    tagging.on(GetResourcesCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    glue.on(GetDatabaseCommand).rejects(Object.assign(awsError('Error', 'getaddrinfo ENOTFOUND glue.eu-west-1.amazonaws.com'), { code: 'ENOTFOUND' }));
    const result: LeftoverScan = await scan();
    expect(result.unchecked).toEqual([
      expect.stringMatching(/^tagged resources: AWS throttled tag:GetResources/),
      expect.stringMatching(/^Glue database alice_lab03sagemakerprivate_beehives: glue:GetDatabase is not reachable/),
    ]);
    expect(leftoversExitCode(result)).toBe(1);
    expect(renderLeftovers(COPY.stackName, 'eu-west-1', result)).toMatch(/nothing billable found, but 2 part\(s\) could not be checked\.$/);
  });

  test('no credentials: said once, with the fix, and nothing else is tried', async () => {
    const noCredentials = awsError('CredentialsProviderError', 'Could not load credentials from any providers');
    tagging.onAnyCommand().rejects(noCredentials);
    logs.onAnyCommand().rejects(noCredentials);
    sagemaker.onAnyCommand().rejects(noCredentials);
    glue.onAnyCommand().rejects(noCredentials);
    athena.onAnyCommand().rejects(noCredentials);
    const result = await scan();
    expect(result.unchecked).toEqual([expect.stringMatching(/^no AWS credentials were found: run `aws configure` or `aws sso login`/)]);
    expect(logs.calls()).toHaveLength(0);
    expect(leftoversExitCode(result)).toBe(1);
  });

  test('ARN kinds', () => {
    expect(arnKind('arn:aws:sagemaker:eu-west-1:1:endpoint/x')).toBe('sagemaker:endpoint');
    expect(arnKind('arn:aws:logs:eu-west-1:1:log-group:/aws/x')).toBe('logs:log-group');
    expect(arnKind(KEY)).toBe('kms:key');
  });
});
