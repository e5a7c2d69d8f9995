/**
 * What the safety tests share: SDK clients with a fixed Region and credentials (so nothing is read from the
 * machine; aws-sdk-client-mock answers every call), and errors shaped like the SDK's.
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { GlueClient } from '@aws-sdk/client-glue';
import { KMSClient } from '@aws-sdk/client-kms';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { S3Client } from '@aws-sdk/client-s3';
import { S3VectorsClient } from '@aws-sdk/client-s3vectors';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import type { LeftoverClients } from '../../lib/safety/leftovers';
import type { PreflightClients } from '../../lib/safety/preflight';

export const TEST_REGION = 'eu-west-1';

export interface FakeClientConfig {
  readonly region: string | (() => Promise<string>);
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export const TEST_CLIENT_CONFIG: FakeClientConfig = {
  region: TEST_REGION,
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
};

/** An error as the SDK raises it for an AWS error code. */
export function awsError(name: string, message = name): Error {
  return Object.assign(new Error(message), { name, $metadata: {} });
}

export function fakeLeftoverClients(config: FakeClientConfig = TEST_CLIENT_CONFIG): LeftoverClients {
  return {
    tagging: new ResourceGroupsTaggingAPIClient(config),
    logs: new CloudWatchLogsClient(config),
    sagemaker: new SageMakerClient(config),
    glue: new GlueClient(config),
    athena: new AthenaClient(config),
    kms: new KMSClient(config),
    bedrockAgent: new BedrockAgentClient(config),
    bedrock: new BedrockClient(config),
    s3vectors: new S3VectorsClient(config),
    s3: new S3Client(config),
    ec2: new EC2Client(config),
    cloudwatch: new CloudWatchClient(config),
  };
}

/** Preflight clients; the public service parameters are read in the test Region (one AWS documents for them). */
export function fakePreflightClients(config: FakeClientConfig = TEST_CLIENT_CONFIG): PreflightClients {
  return {
    sts: new STSClient(config),
    ssm: new SSMClient(config),
    serviceSsm: new SSMClient(config),
    quotas: new ServiceQuotasClient(config),
    bedrock: new BedrockClient(config),
    bedrockIn: (region) => new BedrockClient({ ...config, region }),
  };
}

/**
 * Resets SDK client mocks. Takes them one by one: an array literal of differently typed AwsClientStubs makes
 * TypeScript build their union type, which cost 3 s of the type-check for one line.
 */
export function resetMocks(...mocks: readonly { reset(): unknown }[]): void {
  for (const m of mocks) {
    m.reset();
  }
}
