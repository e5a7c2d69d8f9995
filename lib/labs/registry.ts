import type { Construct } from 'constructs';
import { BedrockRagStack } from './bedrock-rag-stack';
import { findLab, type LabInfo } from './catalog';
import { DataLakeStack } from './data-lake-stack';
import { FirehoseTransformStack } from './firehose-transform-stack';
import { LanguageChainStack } from './language-chain-stack';
import type { LabStack, LabStackProps } from './lab-stack';
import { SageMakerPrivateStack } from './sagemaker-private-stack';
import { TuneAndBatchStack } from './tune-and-batch-stack';

export interface LabDefinition extends LabInfo {
  readonly create: (scope: Construct, id: string, props: LabStackProps) => LabStack;
}

/** Every lab of the kit: the catalogue entry plus the stack that builds it. */
export const LAB_REGISTRY: readonly LabDefinition[] = [
  { ...findLab('data-lake'), create: (scope, id, props) => new DataLakeStack(scope, id, props) },
  { ...findLab('firehose-transform'), create: (scope, id, props) => new FirehoseTransformStack(scope, id, props) },
  { ...findLab('sagemaker-private'), create: (scope, id, props) => new SageMakerPrivateStack(scope, id, props) },
  { ...findLab('language-chain'), create: (scope, id, props) => new LanguageChainStack(scope, id, props) },
  { ...findLab('tune-and-batch'), create: (scope, id, props) => new TuneAndBatchStack(scope, id, props) },
  { ...findLab('bedrock-rag'), create: (scope, id, props) => new BedrockRagStack(scope, id, props) },
];
