import { CloudFormationClient, DescribeStacksCommand, type StackStatus } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { LabScriptError, readStackOutputs } from '../../../labs/shared/stack-outputs';

const cfn = mockClient(CloudFormationClient);
const client = new CloudFormationClient({});

function stackIn(status: StackStatus) {
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'Lab01DataLake',
        StackStatus: status,
        CreationTime: new Date(0),
        Outputs: [{ OutputKey: 'RawBucketName', OutputValue: 'raw-bucket' }],
      },
    ],
  });
}

beforeEach(() => cfn.reset());

describe('readStackOutputs', () => {
  test.each<StackStatus>(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'IMPORT_COMPLETE', 'IMPORT_ROLLBACK_COMPLETE'])(
    'reads the outputs of a stack in %s (the lab works)',
    async (status) => {
      stackIn(status);
      await expect(readStackOutputs(client, 'Lab01DataLake')).resolves.toEqual({ RawBucketName: 'raw-bucket' });
    },
  );

  test('an update that rolled back leaves the previous lab usable', async () => {
    stackIn('UPDATE_ROLLBACK_COMPLETE');
    await expect(readStackOutputs(client, 'Lab01DataLake')).resolves.toHaveProperty('RawBucketName');
  });

  test.each<StackStatus>(['ROLLBACK_COMPLETE', 'DELETE_COMPLETE', 'CREATE_IN_PROGRESS', 'UPDATE_ROLLBACK_FAILED', 'DELETE_FAILED', 'CREATE_FAILED'])(
    'refuses a stack in %s with the deploy command',
    async (status) => {
      stackIn(status);
      const read = readStackOutputs(client, 'Lab01DataLake');
      await expect(read).rejects.toThrow(LabScriptError);
      await expect(read).rejects.toThrow(`Stack Lab01DataLake is in state ${status}; redeploy it: npx cdk deploy Lab01DataLake`);
    },
  );
});

describe('a stack that is not found', () => {
  beforeEach(() => cfn.on(DescribeStacksCommand).rejects(new Error('Stack with id x does not exist')));

  test('the shared copy: the deploy command, and how to reach a learner copy instead', async () => {
    await expect(readStackOutputs(client, 'Lab01DataLake')).rejects.toThrow(
      'Stack Lab01DataLake is not deployed in this account and Region. Deploy it first: npx cdk deploy Lab01DataLake. ' +
        'If you deployed your own copy (npx cdk deploy -c learner=alice alice-Lab01DataLake), run this script with --learner alice.',
    );
  });

  test('a learner copy: the deploy command with the -c learner it needs, and how learner names work', async () => {
    await expect(readStackOutputs(client, 'alice-Lab01DataLake')).rejects.toThrow(
      'Deploy it first: npx cdk deploy -c learner=alice alice-Lab01DataLake. Learner copies are named <learner>-<stack>: ' +
        '-c learner=alice deploys alice-Lab01DataLake; without it, the shared Lab01DataLake is used (run this script without --learner).',
    );
  });

  test('a learner copy in a bad state is redeployed with its -c learner', async () => {
    cfn.reset();
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'bob-Lab01DataLake', StackStatus: 'ROLLBACK_COMPLETE', CreationTime: new Date(0) }] });
    await expect(readStackOutputs(client, 'bob-Lab01DataLake')).rejects.toThrow('redeploy it: npx cdk deploy -c learner=bob bob-Lab01DataLake');
  });
});
