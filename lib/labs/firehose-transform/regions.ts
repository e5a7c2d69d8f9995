import type { LabRegions } from '../regions';

/**
 * Lab 02's Regions: those for which the pinned aws-cdk-lib knows Amazon Data Firehose's CIDR block. Its
 * `DeliveryStream` construct always looks the Region up in that table (region-info's `firehoseCidrBlock`,
 * read in aws-kinesisfirehose/lib/delivery-stream.js `setConnections`) and cannot be synthesized for a
 * Region missing from it. test/foundation/regions.test.ts fails when an upgrade of aws-cdk-lib changes the
 * table, so this list follows it; the source is that table in aws-cdk-lib's repository, at the installed version
 * (test/foundation/regions-docs.test.ts checks the version).
 */
export const FIREHOSE_TRANSFORM_REGIONS: LabRegions = {
  why: 'the AWS CDK (aws-cdk-lib 2.276) knows Amazon Data Firehose\'s per-Region CIDR block, which its Firehose construct needs',
  source: 'https://github.com/aws/aws-cdk/blob/v2.276.0/packages/aws-cdk-lib/region-info/build-tools/fact-tables.ts',
  regions: [
    'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1',
    'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5',
    'ap-southeast-7', 'ca-central-1', 'ca-west-1', 'cn-north-1', 'cn-northwest-1', 'eu-central-1', 'eu-central-2',
    'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'il-central-1', 'me-central-1',
    'me-south-1', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-gov-east-1', 'us-gov-west-1', 'us-west-1', 'us-west-2',
  ],
};
