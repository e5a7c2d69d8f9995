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
