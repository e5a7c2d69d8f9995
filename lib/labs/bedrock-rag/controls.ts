/** Lab 06: where each control of labs/06-bedrock-rag/GUIDE.md shows in the lab's posture. */
import { COMMON_EVIDENCE, type ControlEvidence, LAB_KEY_BUCKET, PRIVATE_BUCKETS, TLS_ONLY_BUCKETS } from '../../posture/controls/evidence';

const KB_POLICY = 'KnowledgeBase/ServiceRole/DefaultPolicy';
const KB_ARN = '${KnowledgeBase/KnowledgeBase.KnowledgeBaseArn}';
const LAB_KEY_SSE = ['EncryptionConfiguration.KmsKeyArn = ${LabKey.Arn}', 'EncryptionConfiguration.SseType = aws:kms'];

export const BEDROCK_RAG_EVIDENCE: ControlEvidence = {
  ...COMMON_EVIDENCE,
  'the document bucket is encrypted with the lab key, and the access-log bucket with SSE-S3': [
    { in: 'Documents', shows: LAB_KEY_BUCKET },
    { in: 'AccessLogs', shows: ['ServerSideEncryptionByDefault.SSEAlgorithm = AES256'] },
  ],
  'every bucket blocks public access and allows TLS 1.2 connections only': [PRIVATE_BUCKETS, TLS_ONLY_BUCKETS],
  'the vector bucket and the vector index are encrypted with the lab key': [
    { in: 'VectorStore/Bucket', shows: LAB_KEY_SSE },
    { in: 'VectorStore/Index', shows: LAB_KEY_SSE },
  ],
  'S3 Vectors may decrypt with the lab key only for this account\'s vector buckets': [
    {
      in: 'LabKey',
      shows: [
        'principal Service:indexing.s3vectors.amazonaws.com action kms:Decrypt resource * condition ArnLike aws:SourceArn = arn:aws:s3vectors:us-east-1:123456789012:bucket/*',
        'condition StringEquals aws:SourceAccount = 123456789012',
      ],
    },
  ],
  'the vector index has the embedding model\'s dimension and metric, and Bedrock\'s text and metadata are not filterable': [
    {
      in: 'VectorStore/Index',
      shows: [
        'Dimension = 1024',
        'DistanceMetric = cosine',
        'DataType = float32',
        'MetadataConfiguration.NonFilterableMetadataKeys = AMAZON_BEDROCK_METADATA, AMAZON_BEDROCK_TEXT',
      ],
    },
  ],
  'the knowledge base role trusts only Bedrock acting for knowledge bases of this account and Region': [
    {
      in: 'KnowledgeBase/ServiceRole',
      shows: [
        'principal Service:bedrock.amazonaws.com action sts:AssumeRole condition ArnLike aws:SourceArn = arn:aws:bedrock:us-east-1:123456789012:knowledge-base/* condition StringEquals aws:SourceAccount = 123456789012',
      ],
    },
  ],
  'the knowledge base role may invoke only the embedding model': [
    { in: KB_POLICY, shows: ['action bedrock:InvokeModel resource arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0'] },
  ],
  'the knowledge base role can list and read only the corpus prefix of the document bucket': [
    {
      in: KB_POLICY,
      shows: [
        'action s3:GetObject resource ${Documents.Arn}/corpus/* condition StringEquals aws:ResourceAccount = 123456789012',
        'action s3:ListBucket resource ${Documents.Arn} condition StringEquals aws:ResourceAccount = 123456789012 condition StringLike s3:prefix = corpus/*',
      ],
    },
  ],
  'the knowledge base role may use only the vector index and the lab key': [
    {
      in: KB_POLICY,
      shows: [
        'action s3vectors:DeleteVectors, s3vectors:GetIndex, s3vectors:GetVectors, s3vectors:PutVectors, s3vectors:QueryVectors resource ${VectorStore/Index.IndexArn}',
        'action kms:Decrypt, kms:GenerateDataKey resource ${LabKey.Arn}',
      ],
    },
    { in: 'KnowledgeBase/ServiceRole', lacks: ['ManagedPolicyArns'] },
  ],
  'the data source reads only the corpus prefix, encrypts ingestion data with the lab key and deletes its vectors on delete': [
    {
      in: 'KnowledgeBase/DataSource',
      shows: [
        'S3Configuration.InclusionPrefixes = corpus/',
        'S3Configuration.BucketOwnerAccountId = 123456789012',
        'ServerSideEncryptionConfiguration.KmsKeyArn = ${LabKey.Arn}',
        'DataDeletionPolicy = DELETE',
      ],
    },
  ],
  'the ingestion functions may only start, read and stop ingestion jobs of the lab knowledge base': [
    { in: 'Ingestion/OnEventRole/DefaultPolicy', shows: [`action bedrock:ListIngestionJobs, bedrock:StartIngestionJob, bedrock:StopIngestionJob resource ${KB_ARN}`] },
    { in: 'Ingestion/IsCompleteRole/DefaultPolicy', shows: [`action bedrock:GetIngestionJob, bedrock:ListIngestionJobs, bedrock:StopIngestionJob resource ${KB_ARN}`] },
  ],
  'the guardrail filters harmful content at high strength and blocks prompt attacks in questions': [
    {
      in: 'Guardrail/Guardrail',
      shows: [
        ...['HATE', 'INSULTS', 'MISCONDUCT', 'SEXUAL', 'VIOLENCE'].flatMap((type) => [
          `FiltersConfig[${type}].InputStrength = HIGH`,
          `FiltersConfig[${type}].OutputStrength = HIGH`,
        ]),
        'FiltersConfig[PROMPT_ATTACK].InputStrength = HIGH',
        'WordPolicyConfig.ManagedWordListsConfig.Type = PROFANITY',
      ],
    },
  ],
  'the guardrail denies requests for real exam questions': [
    { in: 'Guardrail/Guardrail', shows: ['TopicPolicyConfig.TopicsConfig.Name = RealExamQuestions', 'TopicPolicyConfig.TopicsConfig.Type = DENY'] },
  ],
  'the guardrail masks e-mail addresses, phone numbers and names': [
    {
      in: 'Guardrail/Guardrail',
      shows: ['PiiEntitiesConfig[EMAIL].Action = ANONYMIZE', 'PiiEntitiesConfig[NAME].Action = ANONYMIZE', 'PiiEntitiesConfig[PHONE].Action = ANONYMIZE'],
    },
  ],
  'the guardrail blocks answers that are not grounded in the retrieved chunks or not relevant': [
    { in: 'Guardrail/Guardrail', shows: ['FiltersConfig[GROUNDING].Threshold = 0.7', 'FiltersConfig[RELEVANCE].Threshold = 0.5'] },
  ],
  'the guardrail is encrypted with the lab key and has a published version': [
    { in: 'Guardrail/Guardrail', shows: ['KmsKeyArn = ${LabKey.Arn}'] },
    { in: 'Guardrail/Version', shows: ['GuardrailIdentifier = ${Guardrail/Guardrail.GuardrailId}'] },
  ],
  'destroy stops ingestion, then deletes the data source and its vectors while the role can still delete them': [
    { outside: 'an order of deletion (DependsOn), not a setting: the lab test checks it' },
  ],
};
