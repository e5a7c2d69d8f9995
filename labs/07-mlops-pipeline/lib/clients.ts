/** The clients and names every lab 07 script starts from. */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { scriptAwsConfig } from '../../shared/aws';
import type { Clients } from './mlops';

export async function scriptClients(): Promise<Clients> {
  const aws = await scriptAwsConfig();
  return {
    cloudFormation: new CloudFormationClient(aws),
    sagemaker: new SageMakerClient(aws),
    runtime: new SageMakerRuntimeClient(aws),
    codepipeline: new CodePipelineClient(aws),
    s3: new S3Client(aws),
  };
}
