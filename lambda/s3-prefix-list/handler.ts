/**
 * Looks up the id of the AWS-managed prefix list of S3 in this Region at deploy time. The id differs
 * per Region and account partition and is not known at synth without an AWS lookup (context lookups
 * need credentials, and CI has none), so the lab's security group takes it from this resource.
 */
import { DescribeManagedPrefixListsCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { CdkCustomResourceEvent, CdkCustomResourceResponse } from 'aws-lambda';
import type { S3PrefixListAttributes } from './properties';

const ec2 = new EC2Client({});

export async function handler(event: CdkCustomResourceEvent): Promise<CdkCustomResourceResponse<S3PrefixListAttributes>> {
  if (event.RequestType === 'Delete') {
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  const name: unknown = event.ResourceProperties.PrefixListName;
  if (typeof name !== 'string') {
    throw new Error('The S3 prefix-list resource needs the property PrefixListName.');
  }
  const { PrefixLists: lists } = await ec2.send(
    new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: [name] }] }),
  );
  const id = lists?.[0]?.PrefixListId;
  if (!id) {
    throw new Error(`This Region has no AWS-managed prefix list named ${name}.`);
  }
  return { PhysicalResourceId: id, Data: { PrefixListId: id } };
}
