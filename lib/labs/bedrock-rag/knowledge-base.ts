import { createHash } from 'node:crypto';
import { Stack } from 'aws-cdk-lib';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { SecureBucket } from '../../constructs/secure-bucket';
import { acknowledgePrefixAccess } from '../../validation/acknowledgements';
import { CHUNKING_CONFIGURATIONS, type ChunkingStrategy } from './chunking';
import { EMBEDDING_MODEL, foundationModelArn } from './models';
import type { VectorStore } from './vector-store';

export interface KnowledgeBaseProps {
  /** Knowledge base name: unique in the account and Region, so derived from the stack name. */
  readonly name: string;
  readonly corpusBucket: SecureBucket;
  /** The only key prefix the data source reads, ending with a slash. */
  readonly corpusPrefix: string;
  readonly vectorStore: VectorStore;
  readonly encryptionKey: kms.IKey;
  readonly chunking: ChunkingStrategy;
}

/**
 * A vector knowledge base on the lab's S3 vector index, with one S3 data source over the corpus prefix.
 * Its service role may invoke only the embedding model, read only the corpus prefix, write and query only
 * that index, and use only the lab key. Deleting the data source deletes its vectors (DataDeletionPolicy
 * DELETE), so destroy leaves an empty index that CloudFormation can delete.
 */
export class KnowledgeBase extends Construct {
  readonly role: iam.Role;
  readonly knowledgeBase: bedrock.CfnKnowledgeBase;
  readonly dataSource: bedrock.CfnDataSource;

  constructor(scope: Construct, id: string, props: KnowledgeBaseProps) {
    super(scope, id);
    const { partition, region, account } = Stack.of(this);
    this.role = this.createRole(props, { partition, region, account });

    this.knowledgeBase = new bedrock.CfnKnowledgeBase(this, 'KnowledgeBase', {
      name: props.name,
      description: 'Lab 06: notes on the ML Lab Kit labs and exam topics, on an S3 vector index',
      roleArn: this.role.roleArn,
      knowledgeBaseConfiguration: {
        type: 'VECTOR',
        vectorKnowledgeBaseConfiguration: {
          embeddingModelArn: foundationModelArn(partition, region, EMBEDDING_MODEL.id),
          embeddingModelConfiguration: {
            bedrockEmbeddingModelConfiguration: {
              dimensions: EMBEDDING_MODEL.dimensions,
              embeddingDataType: 'FLOAT32',
            },
          },
        },
      },
      storageConfiguration: {
        type: 'S3_VECTORS',
        s3VectorsConfiguration: { indexArn: props.vectorStore.indexArn },
      },
    });
    // Bedrock checks the role's access when it creates the knowledge base; its policy is a separate resource.
    this.knowledgeBase.node.addDependency(this.role);

    const chunking = CHUNKING_CONFIGURATIONS[props.chunking];
    this.dataSource = new bedrock.CfnDataSource(this, 'DataSource', {
      knowledgeBaseId: this.knowledgeBase.attrKnowledgeBaseId,
      // The strategy and a fingerprint of its sizes are part of the name: a new strategy or new sizes replace
      // the data source (chunking cannot change in place), and the new one, created before the old one is
      // deleted, must not take the old one's name.
      name: `corpus-${props.chunking}-${createHash('sha256').update(JSON.stringify(chunking)).digest('hex').slice(0, 8)}`,
      description: `The corpus/ prefix of the document bucket, ${props.chunking} chunking`,
      dataDeletionPolicy: 'DELETE',
      dataSourceConfiguration: {
        type: 'S3',
        s3Configuration: {
          bucketArn: props.corpusBucket.bucketArn,
          bucketOwnerAccountId: account,
          inclusionPrefixes: [props.corpusPrefix],
        },
      },
      // Transient data of ingestion jobs is encrypted with the lab key too.
      serverSideEncryptionConfiguration: { kmsKeyArn: props.encryptionKey.keyArn },
      vectorIngestionConfiguration: {
        chunkingConfiguration: {
          ...chunking,
          hierarchicalChunkingConfiguration: chunking.hierarchicalChunkingConfiguration && {
            ...chunking.hierarchicalChunkingConfiguration,
            levelConfigurations: [...chunking.hierarchicalChunkingConfiguration.levelConfigurations],
          },
        },
      },
    });
    // The data source deletes its vectors with the role's permissions when it is deleted: the role and its
    // policy must outlive it.
    this.dataSource.node.addDependency(this.role);
  }

  get knowledgeBaseId(): string {
    return this.knowledgeBase.attrKnowledgeBaseId;
  }

  get knowledgeBaseArn(): string {
    return this.knowledgeBase.attrKnowledgeBaseArn;
  }

  get dataSourceId(): string {
    return this.dataSource.attrDataSourceId;
  }

  /**
   * The knowledge base's service role, as "Create a service role for Amazon Bedrock Knowledge Bases"
   * (https://docs.aws.amazon.com/bedrock/latest/userguide/kb-permissions.html) describes it, narrowed
   * to this lab's model, prefix, index and key.
   */
  private createRole(props: KnowledgeBaseProps, env: { partition: string; region: string; account: string }): iam.Role {
    const { partition, region, account } = env;
    const role = new iam.Role(this, 'ServiceRole', {
      description: 'Bedrock knowledge base of lab 06: embedding model, corpus prefix, vector index, lab key',
      // Confused-deputy protection: only Bedrock acting for a knowledge base of this account and Region.
      // The knowledge base's own id is not known before the role exists, hence knowledge-base/*.
      assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': `arn:${partition}:bedrock:${region}:${account}:knowledge-base/*` },
        },
      }),
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'InvokeTheEmbeddingModelOnly',
        actions: ['bedrock:InvokeModel'],
        resources: [foundationModelArn(partition, region, EMBEDDING_MODEL.id)],
      }),
    );
    const bucket = props.corpusBucket;
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ListTheCorpusPrefixOnly',
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: {
          StringLike: { 's3:prefix': [`${props.corpusPrefix}*`] },
          StringEquals: { 'aws:ResourceAccount': account },
        },
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadTheCorpusPrefixOnly',
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects(`${props.corpusPrefix}*`)],
        conditions: { StringEquals: { 'aws:ResourceAccount': account } },
      }),
    );
    acknowledgePrefixAccess(role, bucket, [props.corpusPrefix]);
    // The vector actions Bedrock uses on an S3 Vectors store (s3-vectors-bedrock-kb.html), on the one index.
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'UseTheVectorIndexOnly',
        actions: ['s3vectors:GetIndex', 's3vectors:PutVectors', 's3vectors:GetVectors', 's3vectors:DeleteVectors', 's3vectors:QueryVectors'],
        resources: [props.vectorStore.indexArn],
      }),
    );
    // Decrypt the SSE-KMS corpus and the index's vectors; encrypt vectors and the ingestion's transient data.
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'UseTheLabKeyOnly',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [props.encryptionKey.keyArn],
      }),
    );
    return role;
  }
}
