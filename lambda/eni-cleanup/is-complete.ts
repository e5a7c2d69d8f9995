/**
 * isComplete of the ENI-cleanup custom resource. SageMaker releases the network interfaces of an
 * endpoint or training job asynchronously, minutes after CloudFormation has deleted it; until they
 * are gone, the security group and subnets cannot be deleted and `cdk destroy` would fail. The
 * resource is ordered after the security group and subnets and before the SageMaker resources, so on
 * delete this runs between the two: it deletes the interfaces that are detached and waits for the rest.
 */
import {
  DeleteNetworkInterfaceCommand,
  EC2Client,
  paginateDescribeNetworkInterfaces,
  type NetworkInterface,
} from '@aws-sdk/client-ec2';
import type { CdkCustomResourceIsCompleteEvent, CdkCustomResourceIsCompleteResponse } from 'aws-lambda';
import { isGone, parseProperties, planCleanup } from './eni-cleanup';
import type { EniCleanupProperties } from './properties';

const ec2 = new EC2Client({});

export async function handler(event: CdkCustomResourceIsCompleteEvent): Promise<CdkCustomResourceIsCompleteResponse> {
  if (event.RequestType !== 'Delete') {
    return { IsComplete: true };
  }
  let props;
  try {
    props = parseProperties(event.ResourceProperties);
  } catch (e) {
    // A malformed resource must never block `cdk destroy`; the security group deletion will say more.
    console.warn(`Skipping the ENI cleanup: ${e instanceof Error ? e.message : String(e)}`);
    return { IsComplete: true };
  }
  const { deletable, attached } = planCleanup(await interfacesIn(props));
  const failed: string[] = [];
  for (const id of deletable) {
    try {
      await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: id }));
      console.info(`Deleted network interface ${id}.`);
    } catch (e) {
      if (!isGone(e)) {
        // Usually SageMaker still holds it; the next poll tries again.
        console.warn(`Could not delete network interface ${id} yet: ${e instanceof Error ? e.message : String(e)}`);
        failed.push(id);
      }
    }
  }
  const remaining = [...attached, ...failed];
  if (remaining.length > 0) {
    console.info(`Waiting for SageMaker to release ${remaining.join(', ')}.`);
  }
  return { IsComplete: remaining.length === 0 };
}

async function interfacesIn(props: EniCleanupProperties): Promise<NetworkInterface[]> {
  const interfaces: NetworkInterface[] = [];
  const pages = paginateDescribeNetworkInterfaces(
    { client: ec2 },
    {
      Filters: [
        { Name: 'group-id', Values: [props.SecurityGroupId] },
        { Name: 'vpc-id', Values: [props.VpcId] },
      ],
    },
  );
  for await (const page of pages) {
    interfaces.push(...(page.NetworkInterfaces ?? []));
  }
  return interfaces;
}
