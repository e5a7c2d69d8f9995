import { DescribeManagedPrefixListsCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { CdkCustomResourceEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../lambda/s3-prefix-list/handler';
import type { S3PrefixListProperties } from '../../lambda/s3-prefix-list/properties';

const ec2 = mockClient(EC2Client);
const properties: S3PrefixListProperties & { ServiceToken: string } = {
  ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:framework-onEvent',
  PrefixListName: 'com.amazonaws.eu-west-1.s3',
};
const event: CdkCustomResourceEvent<typeof properties> = {
  ServiceToken: properties.ServiceToken,
  ResponseURL: 'https://cloudformation-custom-resource-response-euwest1.s3.amazonaws.com/x',
  StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/Lab03SageMakerPrivate/guid',
  RequestId: 'request-1',
  LogicalResourceId: 'S3PrefixList',
  ResourceType: 'Custom::S3PrefixList',
  ResourceProperties: properties,
  RequestType: 'Create',
};

beforeEach(() => ec2.reset());

test('returns the id of the managed prefix list with the given name', async () => {
  ec2.on(DescribeManagedPrefixListsCommand).resolves({ PrefixLists: [{ PrefixListId: 'pl-6da54004', PrefixListName: properties.PrefixListName }] });
  await expect(handler(event)).resolves.toEqual({ PhysicalResourceId: 'pl-6da54004', Data: { PrefixListId: 'pl-6da54004' } });
  expect(ec2.commandCalls(DescribeManagedPrefixListsCommand)[0].args[0].input.Filters).toEqual([
    { Name: 'prefix-list-name', Values: ['com.amazonaws.eu-west-1.s3'] },
  ]);
});

test('fails clearly when the Region has no such list', async () => {
  ec2.on(DescribeManagedPrefixListsCommand).resolves({ PrefixLists: [] });
  await expect(handler(event)).rejects.toThrow('This Region has no AWS-managed prefix list named com.amazonaws.eu-west-1.s3.');
});

test('delete calls nothing', async () => {
  await expect(handler({ ...event, RequestType: 'Delete', PhysicalResourceId: 'pl-6da54004' })).resolves.toEqual({
    PhysicalResourceId: 'pl-6da54004',
  });
  expect(ec2.calls()).toHaveLength(0);
});
