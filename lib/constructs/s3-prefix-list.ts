import { CustomResource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { S3PrefixListProperties } from '../../lambda/s3-prefix-list/properties';
import { LabFunction } from './lab-function';
import { LabProvider } from './lab-provider';
import { acknowledgeFunctionOutsideVpc, acknowledgePrefixListLookup } from '../validation/acknowledgements';

export interface S3PrefixListProps {
  readonly encryptionKey: kms.IKey;
}

/**
 * The id of the AWS-managed S3 prefix list of the stack's Region, looked up at deploy time.
 *
 * A security-group rule towards S3 needs the prefix-list id, which differs per Region. A CDK context
 * lookup (`ec2.PrefixList.fromLookup`) would need AWS credentials at synth, which CI does not have,
 * and a table of ids would go stale; a deploy-time lookup is always right and costs one API call.
 */
export class S3PrefixList extends Construct {
  readonly prefixListId: string;

  constructor(scope: Construct, id: string, props: S3PrefixListProps) {
    super(scope, id);
    const lookup = new LabFunction(this, 'Lookup', {
      entry: 'lambda/s3-prefix-list/handler.ts',
      description: 'Looks up the id of the S3 managed prefix list for the lab security group',
      encryptionKey: props.encryptionKey,
    });
    // DescribeManagedPrefixLists has no resource-level permissions.
    lookup.addToRolePolicy(new iam.PolicyStatement({ actions: ['ec2:DescribeManagedPrefixLists'], resources: ['*'] }));
    acknowledgeFunctionOutsideVpc(lookup, 'the EC2 API (DescribeManagedPrefixLists)');
    acknowledgePrefixListLookup(lookup.role!);
    const provider = new LabProvider(this, 'Provider', { onEvent: lookup, encryptionKey: props.encryptionKey });
    const properties: S3PrefixListProperties = { PrefixListName: ec2.GatewayVpcEndpointAwsService.S3.name };
    const resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::S3PrefixList',
      properties,
    });
    this.prefixListId = resource.getAttString('PrefixListId');
  }
}
