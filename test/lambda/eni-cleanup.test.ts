import { DeleteNetworkInterfaceCommand, DescribeNetworkInterfacesCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { CdkCustomResourceEvent, CdkCustomResourceIsCompleteEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { planCleanup } from '../../lambda/eni-cleanup/eni-cleanup';
import { handler as isComplete } from '../../lambda/eni-cleanup/is-complete';
import { handler as onEvent } from '../../lambda/eni-cleanup/on-event';
import type { EniCleanupProperties } from '../../lambda/eni-cleanup/properties';

const ec2 = mockClient(EC2Client);
const properties: EniCleanupProperties & { ServiceToken: string } = {
  ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:framework-onEvent',
  SecurityGroupId: 'sg-0123',
  VpcId: 'vpc-0abc',
};
const common = {
  ServiceToken: properties.ServiceToken,
  ResponseURL: 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/x',
  StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/Lab03SageMakerPrivate/guid',
  RequestId: 'request-1',
  LogicalResourceId: 'EniCleanup',
  ResourceType: 'Custom::SageMakerEniCleanup',
  ResourceProperties: properties,
};
const createEvent: CdkCustomResourceEvent<typeof properties> = { ...common, RequestType: 'Create' };
const deletePoll: CdkCustomResourceIsCompleteEvent<typeof properties> = {
  ...common,
  RequestType: 'Delete',
  PhysicalResourceId: 'eni-cleanup-sg-0123',
};
const eni = (id: string, status: 'available' | 'in-use' | 'detaching') => ({
  NetworkInterfaceId: id,
  Status: status,
  Description: '[DO NOT DELETE] ENI managed by SageMaker',
});

beforeEach(() => {
  ec2.reset();
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

test('plans to delete detached interfaces and wait for attached ones', () => {
  expect(planCleanup([eni('eni-1', 'available'), eni('eni-2', 'in-use'), eni('eni-3', 'detaching')])).toEqual({
    deletable: ['eni-1'],
    attached: ['eni-2', 'eni-3'],
  });
});

test('create and update do nothing but name the resource after the security group', async () => {
  await expect(onEvent(createEvent)).resolves.toEqual({ PhysicalResourceId: 'eni-cleanup-sg-0123' });
  await expect(isComplete({ ...createEvent, PhysicalResourceId: 'eni-cleanup-sg-0123' })).resolves.toEqual({ IsComplete: true });
  expect(ec2.calls()).toHaveLength(0);
});

test('delete looks only at interfaces of the lab security group in the lab VPC', async () => {
  ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
  await expect(isComplete(deletePoll)).resolves.toEqual({ IsComplete: true });
  expect(ec2.commandCalls(DescribeNetworkInterfacesCommand)[0].args[0].input.Filters).toEqual([
    { Name: 'group-id', Values: ['sg-0123'] },
    { Name: 'vpc-id', Values: ['vpc-0abc'] },
  ]);
});

test('delete removes detached interfaces SageMaker left behind', async () => {
  ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [eni('eni-1', 'available'), eni('eni-2', 'available')] });
  ec2.on(DeleteNetworkInterfaceCommand).resolves({});
  await expect(isComplete(deletePoll)).resolves.toEqual({ IsComplete: true });
  expect(ec2.commandCalls(DeleteNetworkInterfaceCommand).map((c) => c.args[0].input.NetworkInterfaceId)).toEqual(['eni-1', 'eni-2']);
});

test('delete waits while SageMaker still holds an interface', async () => {
  ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [eni('eni-1', 'available'), eni('eni-2', 'in-use')] });
  ec2.on(DeleteNetworkInterfaceCommand).resolves({});
  await expect(isComplete(deletePoll)).resolves.toEqual({ IsComplete: false });
  expect(ec2.commandCalls(DeleteNetworkInterfaceCommand).map((c) => c.args[0].input.NetworkInterfaceId)).toEqual(['eni-1']);
});

test('an interface that is gone already counts as deleted', async () => {
  ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [eni('eni-1', 'available')] });
  ec2.on(DeleteNetworkInterfaceCommand).rejects(Object.assign(new Error('not found'), { name: 'InvalidNetworkInterfaceID.NotFound' }));
  await expect(isComplete(deletePoll)).resolves.toEqual({ IsComplete: true });
});

test('an interface that cannot be deleted yet is retried on the next poll', async () => {
  ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [eni('eni-1', 'available')] });
  ec2.on(DeleteNetworkInterfaceCommand).rejects(Object.assign(new Error('in use'), { name: 'InvalidParameterValue' }));
  await expect(isComplete(deletePoll)).resolves.toEqual({ IsComplete: false });
});

test('reads every page of interfaces', async () => {
  ec2
    .on(DescribeNetworkInterfacesCommand)
    .resolvesOnce({ NetworkInterfaces: [eni('eni-1', 'in-use')], NextToken: 'page-2' })
    .resolvesOnce({ NetworkInterfaces: [eni('eni-2', 'available')] });
  ec2.on(DeleteNetworkInterfaceCommand).resolves({});
  await expect(isComplete(deletePoll)).resolves.toEqual({ IsComplete: false });
  expect(ec2.commandCalls(DescribeNetworkInterfacesCommand)).toHaveLength(2);
  expect(ec2.commandCalls(DeleteNetworkInterfaceCommand).map((c) => c.args[0].input.NetworkInterfaceId)).toEqual(['eni-2']);
});

test('a resource with broken properties never blocks the delete', async () => {
  await expect(isComplete({ ...deletePoll, ResourceProperties: { ServiceToken: properties.ServiceToken } })).resolves.toEqual({
    IsComplete: true,
  });
  expect(ec2.calls()).toHaveLength(0);
});
