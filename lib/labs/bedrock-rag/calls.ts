/**
 * Lab 06's AWS calls (see lib/labs/call-table.ts): the ingestion at deploy time (Bedrock assumes the
 * knowledge base role, which reads the corpus, invokes the embedding model and writes the vector index;
 * S3 Vectors maintains the SSE-KMS index), the learner's questions at run time, and the stop, vector
 * deletion and emptying at destroy time.
 */
import { allow, deny, type CallTable } from '../call-table';
import { EMBEDDING_MODEL, TEXT_MODEL } from './models';

const KB_ROLE = { role: 'KnowledgeBase/ServiceRole' };
const ON_EVENT = { role: 'Ingestion/OnEventRole' };
const IS_COMPLETE = { role: 'Ingestion/IsCompleteRole' };
const BEDROCK = 'arn:${AWS::Partition}:bedrock:${AWS::Region}';
const KB_ARN = '${KnowledgeBase/KnowledgeBase.KnowledgeBaseArn}';
const INDEX_ARN = '${VectorStore/Index.IndexArn}';
const OTHER_INDEX = 'arn:${AWS::Partition}:s3vectors:${AWS::Region}:${AWS::AccountId}:bucket/another-bucket/index/another-index';
const S3_VIA = { 'kms:ViaService': 's3.${AWS::Region}.amazonaws.com' };
/** S3 sends the owner account of the bucket with every request; the role's S3 statements require this one. */
const THIS_ACCOUNTS = { 'aws:ResourceAccount': '${AWS::AccountId}' };
const KB_PERMISSIONS = 'https://docs.aws.amazon.com/bedrock/latest/userguide/kb-permissions.html';
const S3V_ENCRYPTION = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-vectors-data-encryption.html';
const S3V_KB = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-vectors-bedrock-kb.html';
const BEDROCK_SERVICE = {
  service: 'bedrock.amazonaws.com',
  sourceArn: `${BEDROCK}:\${AWS::AccountId}:knowledge-base/KB12345678`,
  sourceAccount: '${AWS::AccountId}',
};
const INDEXING = { service: 'indexing.s3vectors.amazonaws.com', sourceArn: '${VectorStore/Bucket.VectorBucketArn}', sourceAccount: '${AWS::AccountId}' };

export const CALLS: CallTable = {
  lab: 'bedrock-rag',
  calls: [
    // Bedrock assumes the knowledge base role when it creates the knowledge base and for every ingestion.
    allow('deploy', 'Bedrock assumes the knowledge base role for a knowledge base of this account', BEDROCK_SERVICE, 'sts:AssumeRole',
      '${KnowledgeBase/ServiceRole.Arn}', { source: KB_PERMISSIONS }),
    deny('deploy', 'Bedrock acting for another account may not assume the role (confused deputy)',
      { ...BEDROCK_SERVICE, sourceArn: `${BEDROCK}:999999999999:knowledge-base/KB12345678`, sourceAccount: '999999999999' },
      'sts:AssumeRole', '${KnowledgeBase/ServiceRole.Arn}', { source: KB_PERMISSIONS }),

    // Ingestion: read the corpus, embed each chunk, write the vectors.
    allow('deploy', 'the ingestion lists the corpus prefix', KB_ROLE, 's3:ListBucket', '${Documents.Arn}', { context: { 's3:prefix': 'corpus/', ...THIS_ACCOUNTS } }),
    deny('deploy', 'the ingestion may not list outside the corpus prefix', KB_ROLE, 's3:ListBucket', '${Documents.Arn}', { context: { 's3:prefix': 'private/', ...THIS_ACCOUNTS } }),
    allow('deploy', 'the ingestion reads a corpus document', KB_ROLE, 's3:GetObject', '${Documents.Arn}/corpus/lab-06-rag.md', { context: THIS_ACCOUNTS }),
    deny('deploy', 'the ingestion may not read a bucket of another account', KB_ROLE, 's3:GetObject', '${Documents.Arn}/corpus/lab-06-rag.md', {
      context: { 'aws:ResourceAccount': '999999999999' },
    }),
    deny('deploy', 'the ingestion may not read outside the corpus prefix', KB_ROLE, 's3:GetObject', '${Documents.Arn}/private/notes.md', { context: THIS_ACCOUNTS }),
    deny('deploy', 'the ingestion may not read the access logs', KB_ROLE, 's3:GetObject', '${AccessLogs.Arn}/Documents/2026-01-01-00-00-00-0'),
    deny('deploy', 'the ingestion may not change the corpus', KB_ROLE, 's3:PutObject', '${Documents.Arn}/corpus/lab-06-rag.md'),
    allow('deploy', 'S3 decrypts a corpus document for the ingestion (bucket key: the context is the bucket ARN)', KB_ROLE, 'kms:Decrypt', '${LabKey.Arn}', {
      context: { ...S3_VIA, 'kms:EncryptionContext:aws:s3:arn': '${Documents.Arn}' },
    }),
    allow('deploy', 'the ingestion embeds chunks with the embedding model', KB_ROLE, 'bedrock:InvokeModel',
      `${BEDROCK}::foundation-model/${EMBEDDING_MODEL.id}`, { source: KB_PERMISSIONS }),
    deny('deploy', 'the knowledge base role may invoke no other model', KB_ROLE, 'bedrock:InvokeModel', `${BEDROCK}::foundation-model/${TEXT_MODEL.id}`),
    allow('deploy', 'the ingestion writes vectors into the index', KB_ROLE, 's3vectors:PutVectors', INDEX_ARN, { source: S3V_KB }),
    allow('deploy', 'the ingestion reads the index configuration', KB_ROLE, 's3vectors:GetIndex', INDEX_ARN, { source: S3V_KB }),
    deny('deploy', 'the knowledge base role may write no other index', KB_ROLE, 's3vectors:PutVectors', OTHER_INDEX),
    deny('deploy', 'the knowledge base role may not delete the index', KB_ROLE, 's3vectors:DeleteIndex', INDEX_ARN),
    allow('deploy', 'the knowledge base role encrypts vectors and transient ingestion data with the lab key', KB_ROLE, 'kms:GenerateDataKey', '${LabKey.Arn}'),
    deny('deploy', 'the knowledge base role may use no other key', KB_ROLE, 'kms:GenerateDataKey',
      'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/11111111-2222-3333-4444-555555555555'),
    allow('deploy', 'S3 Vectors decrypts with the lab key to maintain the index in the background', INDEXING, 'kms:Decrypt', '${LabKey.Arn}', {
      context: { 'kms:EncryptionContextKeys': ['aws:s3vectors:arn', 'aws:s3vectors:resource-id'] },
      source: S3V_ENCRYPTION,
    }),
    deny('deploy', "S3 Vectors may not use the lab key for another account's vector bucket",
      { ...INDEXING, sourceArn: 'arn:${AWS::Partition}:s3vectors:${AWS::Region}:999999999999:bucket/x', sourceAccount: '999999999999' },
      'kms:Decrypt', '${LabKey.Arn}', { context: { 'kms:EncryptionContextKeys': ['aws:s3vectors:arn'] }, source: S3V_ENCRYPTION }),

    // The ingestion custom resource: start the job, poll it.
    allow('deploy', 'the ingestion handler starts a job', ON_EVENT, 'bedrock:StartIngestionJob', KB_ARN),
    deny('deploy', 'the ingestion handler may start no job of another knowledge base', ON_EVENT, 'bedrock:StartIngestionJob',
      `${BEDROCK}:\${AWS::AccountId}:knowledge-base/OTHERKB123`),
    allow('deploy', 'the completion handler reads the job', IS_COMPLETE, 'bedrock:GetIngestionJob', KB_ARN),
    allow('deploy', 'the completion handler stops a job that runs past the timeout', IS_COMPLETE, 'bedrock:StopIngestionJob', KB_ARN),
    deny('deploy', 'the completion handler may not start jobs', IS_COMPLETE, 'bedrock:StartIngestionJob', KB_ARN),
    allow('deploy', 'the Provider framework invokes the ingestion handler', { role: 'Ingestion/Provider/Provider/framework-onEvent/ServiceRole' },
      'lambda:InvokeFunction', '${Ingestion/OnEvent.Arn}'),
    allow('deploy', 'the framework starts its waiter state machine', { role: 'Ingestion/Provider/Provider/framework-onEvent/ServiceRole' },
      'states:StartExecution', '${Ingestion/Provider/Provider/waiter-state-machine.Arn}'),

    // The learner's questions (administrator credentials): retrieve, generate, guardrail.
    allow('run', 'the learner retrieves from the knowledge base', 'learner', 'bedrock:Retrieve', KB_ARN),
    allow('run', 'the learner generates with the text model through its inference profile', 'learner', 'bedrock:InvokeModel',
      `${BEDROCK}:\${AWS::AccountId}:inference-profile/us.${TEXT_MODEL.id}`),
    allow('run', 'the learner applies the guardrail', 'learner', 'bedrock:ApplyGuardrail', '${Guardrail/Guardrail.GuardrailArn}'),
    allow('run', 'the guardrail configuration is decrypted with the lab key for the learner', 'learner', 'kms:Decrypt', '${LabKey.Arn}'),
    deny('run', 'the document bucket refuses requests without TLS', 'learner', 's3:GetObject', '${Documents.Arn}/corpus/lab-06-rag.md', {
      context: { 'aws:SecureTransport': 'false' },
    }),
    allow('run', 'S3 delivers the document bucket server access logs to the log bucket',
      { service: 'logging.s3.amazonaws.com', sourceArn: '${Documents.Arn}', sourceAccount: '${AWS::AccountId}' },
      's3:PutObject', '${AccessLogs.Arn}/Documents/2026-01-01-00-00-00-0',
      { source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html' }),

    // Destroy: stop a running job, delete the data source's vectors, empty the buckets.
    allow('destroy', 'destroy lists the running jobs', ON_EVENT, 'bedrock:ListIngestionJobs', KB_ARN),
    allow('destroy', 'destroy stops a running job before the data source is deleted', ON_EVENT, 'bedrock:StopIngestionJob', KB_ARN),
    allow('destroy', 'deleting the data source deletes its vectors with the knowledge base role (DataDeletionPolicy DELETE)', KB_ROLE,
      's3vectors:DeleteVectors', INDEX_ARN, { source: S3V_KB }),
    allow('destroy', 'the auto-delete handler empties the document bucket', { role: 'Custom::S3AutoDeleteObjectsCustomResourceProvider/Role' },
      's3:DeleteObjectVersion', '${Documents.Arn}/corpus/lab-06-rag.md'),
  ],
};
