import { Fn } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { contextOption } from '../../config';
import { SampleData } from '../../constructs/sample-data';
import { SecureBucket } from '../../constructs/secure-bucket';
import type { ChunkingStrategy } from './chunking';
import { LabGuardrail } from './guardrail';
import { Ingestion } from './ingestion';
import { KnowledgeBase } from './knowledge-base';
import { inferenceProfileArn, modelsFor } from './models';
import { BEDROCK_RAG_OUTPUTS, CORPUS_FOLDER, CORPUS_PREFIX } from './outputs';
import { VectorStore } from './vector-store';
import { CHUNKING } from './options';
import { LabStack, type LabStackProps } from '../lab-stack';

/**
 * Lab 06: retrieval-augmented generation with a Bedrock knowledge base on Amazon S3 Vectors, behind a
 * guardrail. The corpus (labs/06-bedrock-rag/corpus) is uploaded to a secure bucket, ingested during
 * `cdk deploy` into an SSE-KMS vector index, and answered by the lab scripts with a low-cost Amazon text
 * model. Nothing bills by the hour: S3 Vectors and Bedrock charge per use, so an idle lab costs the key.
 */
export class BedrockRagStack extends LabStack {
  readonly chunking: ChunkingStrategy;
  readonly corpusBucket: SecureBucket;
  readonly vectorStore: VectorStore;
  readonly knowledgeBase: KnowledgeBase;
  readonly ingestion: Ingestion;
  readonly guardrail: LabGuardrail;

  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);
    // The app builds this stack only in the lab's Regions (regions.ts) and has validated -c chunking;
    // built directly elsewhere, both fail with a KitConfigError (message only, no stack trace).
    const models = modelsFor(this.region);
    this.chunking = contextOption(this, CHUNKING);

    this.corpusBucket = new SecureBucket(this, 'Documents', { encryptionKey: this.key, accessLogsBucket: this.accessLogsBucket });
    const corpus = new SampleData(this, 'Corpus', {
      source: CORPUS_FOLDER,
      destinationBucket: this.corpusBucket,
      destinationKeyPrefix: CORPUS_PREFIX,
    });

    this.vectorStore = new VectorStore(this, 'VectorStore', {
      encryptionKey: this.key,
      bucketName: this.uniqueName('vectors', { style: 'kebab', maxLength: 63 }),
    });
    this.knowledgeBase = new KnowledgeBase(this, 'KnowledgeBase', {
      name: this.uniqueName('kb', { style: 'kebab', maxLength: 100 }),
      corpusBucket: this.corpusBucket,
      corpusPrefix: CORPUS_PREFIX,
      vectorStore: this.vectorStore,
      encryptionKey: this.key,
      chunking: this.chunking,
    });
    this.ingestion = new Ingestion(this, 'Ingestion', {
      knowledgeBase: this.knowledgeBase,
      encryptionKey: this.key,
      // New, changed or removed documents change the asset's object key, which updates the resource.
      corpusVersion: Fn.join(',', corpus.deployment.objectKeys),
    });
    this.ingestion.resource.node.addDependency(corpus);
    // Deleting the data source (DataDeletionPolicy DELETE) removes its vectors going by the corpus objects:
    // with the objects emptied first, the deletion fails (DELETE_UNSUCCESSFUL) and so does the knowledge
    // base's (https://github.com/apache/airflow/pull/40032, https://github.com/ekristen/aws-nuke/issues/431).
    // Destroy deletes the data source before it empties the corpus bucket.
    this.corpusBucket.emptiedAfter(this.knowledgeBase.dataSource);

    this.guardrail = new LabGuardrail(this, 'Guardrail', {
      name: this.uniqueName('guardrail', { style: 'kebab', maxLength: 50 }),
      encryptionKey: this.key,
    });

    this.addOutputs(BEDROCK_RAG_OUTPUTS, {
      knowledgeBaseId: { value: this.knowledgeBase.knowledgeBaseId, description: 'Knowledge base to ask and retrieve from' },
      dataSourceId: { value: this.knowledgeBase.dataSourceId, description: 'S3 data source over the corpus prefix' },
      guardrailId: { value: this.guardrail.guardrailId, description: 'Guardrail applied by the lab scripts' },
      guardrailVersion: { value: this.guardrail.version.attrVersion, description: 'Published guardrail version the scripts use' },
      textModelArn: {
        value: inferenceProfileArn(this.partition, this.region, this.account, models.textInferenceProfile),
        description: 'Inference profile of the text model that generates answers',
      },
      corpusBucket: { value: this.corpusBucket.bucketName, description: `Document bucket; the corpus is under ${CORPUS_PREFIX}` },
      vectorBucket: { value: this.vectorStore.bucket.attrVectorBucketArn, description: 'S3 vector bucket' },
      vectorIndex: { value: this.vectorStore.indexArn, description: 'S3 vector index of the knowledge base' },
      chunking: { value: this.chunking, description: 'Chunking strategy of the data source (-c chunking=...)' },
    });
  }
}
