import { Match } from 'aws-cdk-lib/assertions';
import type { BedrockRagStack } from '../../lib/labs/bedrock-rag/stack';
import { CHUNKING_CONFIGURATIONS } from '../../lib/labs/bedrock-rag/chunking';
import * as policy from '../../lib/labs/bedrock-rag/guardrail-policy';
import { EMBEDDING_MODEL } from '../../lib/labs/bedrock-rag/models';
import { BEDROCK_RAG_OUTPUTS, CORPUS_PREFIX } from '../../lib/labs/bedrock-rag/outputs';
import { expectEveryBucketPrivate, expectGeneratedNames, expectNothingRetained, expectTlsOnly } from '../helpers/controls';
import { expectNoFindings, logicalId, type PolicyStatement, resourcesOfType, roleStatements, synthLab } from '../helpers/synth';
import { labFindings } from '../helpers/shared-synth';

const lab = synthLab('bedrock-rag', { validations: false });
// cdk-nag, guard and schema findings, from the run's one validation of every lab (test/helpers/shared-synth.ts).
const findings = labFindings('bedrock-rag');
const stack = lab.stack as BedrockRagStack;
const { template } = lab;

type Construct = Parameters<typeof logicalId>[0];
const keyArn = { 'Fn::GetAtt': [logicalId(stack.key), 'Arn'] };
const arnOf = (construct: Construct) => ({ 'Fn::GetAtt': [logicalId(construct), 'Arn'] });
const indexArn = { 'Fn::GetAtt': [logicalId(stack.vectorStore.index), 'IndexArn'] };
const kbArn = { 'Fn::GetAtt': [logicalId(stack.knowledgeBase.knowledgeBase), 'KnowledgeBaseArn'] };
const embeddingModelArn = `arn:aws:bedrock:us-east-1::foundation-model/${EMBEDDING_MODEL.id}`;
const kb = stack.knowledgeBase;
const kbRole = logicalId(kb.role);
const kbStatements = new Map(roleStatements(lab, kbRole).map((s, i) => [s.Sid ?? `#${i}`, s]));
const actions = (s: PolicyStatement | undefined) => [s?.Action ?? []].flat().sort();
const resource = (type: string) => {
  const found = resourcesOfType(lab, type);
  expect(found).toHaveLength(1);
  return found[0][1];
};
const guardrail = () => resource('AWS::Bedrock::Guardrail').Properties ?? {};
const dataSource = () => resource('AWS::Bedrock::DataSource');

describe('security controls', () => {
  test('the document bucket is encrypted with the lab key, and the access-log bucket with SSE-S3', () => {
    expect(lab.json.Resources[logicalId(stack.corpusBucket)].Properties?.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn } },
      ],
    });
    expect(lab.json.Resources[logicalId(stack.accessLogsBucket)].Properties?.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
  });

  test('every bucket blocks public access and allows TLS 1.2 connections only', () => {
    expect(resourcesOfType(lab, 'AWS::S3::Bucket')).toHaveLength(2);
    expectEveryBucketPrivate(lab);
    expectTlsOnly(lab);
  });

  test('the vector bucket and the vector index are encrypted with the lab key', () => {
    const sseKms = { SseType: 'aws:kms', KmsKeyArn: keyArn };
    expect(resource('AWS::S3Vectors::VectorBucket').Properties?.EncryptionConfiguration).toEqual(sseKms);
    expect(resource('AWS::S3Vectors::Index').Properties?.EncryptionConfiguration).toEqual(sseKms);
  });

  test("S3 Vectors may decrypt with the lab key only for this account's vector buckets", () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'AllowS3VectorsIndexingOfThisAccountsVectorBuckets',
            Effect: 'Allow',
            Principal: { Service: 'indexing.s3vectors.amazonaws.com' },
            Action: 'kms:Decrypt',
            Resource: '*',
            Condition: {
              StringEquals: { 'aws:SourceAccount': '123456789012' },
              ArnLike: { 'aws:SourceArn': 'arn:aws:s3vectors:us-east-1:123456789012:bucket/*' },
              'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': ['aws:s3vectors:arn', 'aws:s3vectors:resource-id'] },
            },
          },
        ]),
      },
    });
  });

  test("the vector index has the embedding model's dimension and metric, and Bedrock's text and metadata are not filterable", () => {
    expect(resource('AWS::S3Vectors::Index').Properties).toMatchObject({
      DataType: 'float32',
      Dimension: 1024,
      DistanceMetric: 'cosine',
      MetadataConfiguration: { NonFilterableMetadataKeys: ['AMAZON_BEDROCK_TEXT', 'AMAZON_BEDROCK_METADATA'] },
    });
    template.hasResourceProperties('AWS::Bedrock::KnowledgeBase', {
      KnowledgeBaseConfiguration: {
        Type: 'VECTOR',
        VectorKnowledgeBaseConfiguration: {
          EmbeddingModelArn: embeddingModelArn,
          EmbeddingModelConfiguration: { BedrockEmbeddingModelConfiguration: { Dimensions: 1024, EmbeddingDataType: 'FLOAT32' } },
        },
      },
      StorageConfiguration: { Type: 'S3_VECTORS', S3VectorsConfiguration: { IndexArn: indexArn } },
    });
  });

  test('the knowledge base role trusts only Bedrock acting for knowledge bases of this account and Region', () => {
    expect(lab.json.Resources[kbRole].Properties?.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'bedrock.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': '123456789012' },
            ArnLike: { 'aws:SourceArn': 'arn:aws:bedrock:us-east-1:123456789012:knowledge-base/*' },
          },
        },
      ],
    });
  });

  test('the knowledge base role may invoke only the embedding model', () => {
    const invokes = [...kbStatements.values()].filter((s) => actions(s).some((a) => a.startsWith('bedrock:')));
    expect(invokes).toEqual([{ Sid: 'InvokeTheEmbeddingModelOnly', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: embeddingModelArn }]);
  });

  test('the knowledge base role can list and read only the corpus prefix of the document bucket', () => {
    const sameAccount = { StringEquals: { 'aws:ResourceAccount': '123456789012' } };
    expect(kbStatements.get('ListTheCorpusPrefixOnly')).toEqual({
      Sid: 'ListTheCorpusPrefixOnly',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: arnOf(stack.corpusBucket),
      Condition: { StringLike: { 's3:prefix': [`${CORPUS_PREFIX}*`] }, ...sameAccount },
    });
    expect(kbStatements.get('ReadTheCorpusPrefixOnly')).toEqual({
      Sid: 'ReadTheCorpusPrefixOnly',
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: { 'Fn::Join': ['', [arnOf(stack.corpusBucket), `/${CORPUS_PREFIX}*`]] },
      Condition: sameAccount,
    });
  });

  test('the knowledge base role may use only the vector index and the lab key', () => {
    expect(kbStatements.get('UseTheVectorIndexOnly')).toMatchObject({ Resource: indexArn });
    expect(actions(kbStatements.get('UseTheVectorIndexOnly'))).toEqual([
      's3vectors:DeleteVectors',
      's3vectors:GetIndex',
      's3vectors:GetVectors',
      's3vectors:PutVectors',
      's3vectors:QueryVectors',
    ]);
    expect(kbStatements.get('UseTheLabKeyOnly')).toMatchObject({ Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: keyArn });
    expect([...kbStatements.keys()].sort()).toEqual([
      'InvokeTheEmbeddingModelOnly',
      'ListTheCorpusPrefixOnly',
      'ReadTheCorpusPrefixOnly',
      'UseTheLabKeyOnly',
      'UseTheVectorIndexOnly',
    ]);
    expect(lab.json.Resources[kbRole].Properties?.ManagedPolicyArns).toBeUndefined();
  });

  test('the data source reads only the corpus prefix, encrypts ingestion data with the lab key and deletes its vectors on delete', () => {
    expect(dataSource().Properties).toMatchObject({
      DataDeletionPolicy: 'DELETE',
      DataSourceConfiguration: {
        Type: 'S3',
        S3Configuration: { BucketArn: arnOf(stack.corpusBucket), InclusionPrefixes: [CORPUS_PREFIX], BucketOwnerAccountId: '123456789012' },
      },
      ServerSideEncryptionConfiguration: { KmsKeyArn: keyArn },
    });
  });

  test('the ingestion functions may only start, read and stop ingestion jobs of the lab knowledge base', () => {
    const bedrockStatements = (fn: Construct) =>
      roleStatements(lab, logicalId((fn as typeof stack.ingestion.onEvent).role!)).filter((s) => actions(s).some((a) => a.startsWith('bedrock:')));
    expect(bedrockStatements(stack.ingestion.onEvent).map((s) => [actions(s), s.Resource])).toEqual([
      [['bedrock:ListIngestionJobs', 'bedrock:StartIngestionJob', 'bedrock:StopIngestionJob'], kbArn],
    ]);
    expect(bedrockStatements(stack.ingestion.isComplete).map((s) => [actions(s), s.Resource])).toEqual([
      [['bedrock:GetIngestionJob', 'bedrock:ListIngestionJobs', 'bedrock:StopIngestionJob'], kbArn],
    ]);
  });

  test('the guardrail filters harmful content at high strength and blocks prompt attacks in questions', () => {
    expect(guardrail().ContentPolicyConfig).toEqual({
      FiltersConfig: [
        ...['HATE', 'INSULTS', 'SEXUAL', 'VIOLENCE', 'MISCONDUCT'].map((Type) => ({ Type, InputStrength: 'HIGH', OutputStrength: 'HIGH' })),
        { Type: 'PROMPT_ATTACK', InputStrength: 'HIGH', OutputStrength: 'NONE' },
      ],
    });
    expect(guardrail().WordPolicyConfig).toEqual({ ManagedWordListsConfig: [{ Type: 'PROFANITY' }] });
  });

  test('the guardrail denies requests for real exam questions', () => {
    expect(guardrail().TopicPolicyConfig).toEqual({
      TopicsConfig: [{ Name: 'RealExamQuestions', Type: 'DENY', Definition: policy.DENIED_TOPIC.definition, Examples: [...policy.DENIED_TOPIC.examples] }],
    });
  });

  test('the guardrail masks e-mail addresses, phone numbers and names', () => {
    expect(guardrail().SensitiveInformationPolicyConfig).toEqual({
      PiiEntitiesConfig: ['EMAIL', 'PHONE', 'NAME'].map((Type) => ({ Type, Action: 'ANONYMIZE' })),
    });
  });

  test('the guardrail blocks answers that are not grounded in the retrieved chunks or not relevant', () => {
    expect(guardrail().ContextualGroundingPolicyConfig).toEqual({
      FiltersConfig: [
        { Type: 'GROUNDING', Threshold: 0.7 },
        { Type: 'RELEVANCE', Threshold: 0.5 },
      ],
    });
  });

  test('the guardrail is encrypted with the lab key and has a published version', () => {
    expect(guardrail().KmsKeyArn).toEqual(keyArn);
    expect(resource('AWS::Bedrock::GuardrailVersion').Properties).toEqual({
      GuardrailIdentifier: { 'Fn::GetAtt': [logicalId(stack.guardrail.guardrail), 'GuardrailId'] },
      Description: expect.stringMatching(/^Published by cdk deploy; policies [0-9a-f]{12}$/) as unknown,
    });
  });

  test('every log group is encrypted with the lab key and keeps events for a year', () => {
    expect(resourcesOfType(lab, 'AWS::Logs::LogGroup').length).toBeGreaterThanOrEqual(5);
    template.allResourcesProperties('AWS::Logs::LogGroup', { KmsKeyId: keyArn, RetentionInDays: 365 });
  });

  test('no resource is retained on destroy', () => {
    expectNothingRetained(lab);
  });

  test('destroy stops ingestion, then deletes the data source and its vectors while the role can still delete them', () => {
    const ingestion = resource('Custom::KnowledgeBaseIngestion');
    // The custom resource references the data source, so CloudFormation deletes it (stopping jobs) first.
    expect(ingestion.Properties?.DataSourceId).toEqual({ 'Fn::GetAtt': [logicalId(kb.dataSource), 'DataSourceId'] });
    // The data source deletes its vectors with the role, so the role and its policy are deleted after it.
    const policyId = logicalId(kb.role.node.findChild('DefaultPolicy'));
    expect(dataSource().DependsOn).toEqual(expect.arrayContaining([kbRole, policyId]));
    // The index is deleted only after the knowledge base that references it, then the bucket.
    expect(JSON.stringify(resource('AWS::Bedrock::KnowledgeBase').Properties)).toContain(logicalId(stack.vectorStore.index));
  });

  test('no physical name is hard-coded: the names services require derive from the stack name', () => {
    expect(resource('AWS::Bedrock::KnowledgeBase').Properties?.Name).toBe('lab06bedrockrag-kb');
    expect(guardrail().Name).toBe('lab06bedrockrag-guardrail');
    expect(resource('AWS::S3Vectors::VectorBucket').Properties?.VectorBucketName).toBe('lab06bedrockrag-vectors');
    expect(resource('AWS::S3Vectors::Index').Properties?.IndexName).toBeUndefined();
    expectGeneratedNames(lab, [
      ['AWS::S3::Bucket', 'BucketName'],
      ['AWS::IAM::Role', 'RoleName'],
      ['AWS::Lambda::Function', 'FunctionName'],
    ]);
  });

  test('cdk-nag and Control Tower guard pass with acknowledged exceptions only', () => {
    expectNoFindings(findings);
  });
});

describe('the lab', () => {
  test('the corpus is uploaded under corpus/ before ingestion, and a changed corpus ingests again', () => {
    const deployments = resourcesOfType(lab, 'Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(1);
    expect(deployments[0][1].Properties).toMatchObject({ DestinationBucketName: { Ref: logicalId(stack.corpusBucket) }, DestinationBucketKeyPrefix: CORPUS_PREFIX });
    const ingestion = resource('Custom::KnowledgeBaseIngestion');
    expect(ingestion.DependsOn).toContain(deployments[0][0]);
    expect(ingestion.Properties).toMatchObject({
      KnowledgeBaseId: { 'Fn::GetAtt': [logicalId(kb.knowledgeBase), 'KnowledgeBaseId'] },
      TimeoutSeconds: '1200',
      CorpusVersion: { 'Fn::Join': [',', { 'Fn::GetAtt': [deployments[0][0], 'SourceObjectKeys'] }] },
    });
  });

  test('without -c chunking the data source uses fixed-size chunking, named after the strategy', () => {
    expect(stack.chunking).toBe('fixed');
    expect(dataSource().Properties).toMatchObject({
      Name: expect.stringMatching(/^corpus-fixed-[0-9a-f]{8}$/),
      VectorIngestionConfiguration: {
        ChunkingConfiguration: { ChunkingStrategy: 'FIXED_SIZE', FixedSizeChunkingConfiguration: { MaxTokens: 100, OverlapPercentage: 20 } },
      },
    });
    expect(CHUNKING_CONFIGURATIONS.fixed.fixedSizeChunkingConfiguration).toEqual({ maxTokens: 100, overlapPercentage: 20 });
  });

  test('the outputs name what the lab scripts need, with the text model as an inference profile', () => {
    const outputs = template.findOutputs('*');
    expect(Object.keys(outputs).sort()).toEqual(Object.values(BEDROCK_RAG_OUTPUTS).sort());
    expect(outputs[BEDROCK_RAG_OUTPUTS.textModelArn].Value).toBe(
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-micro-v1:0',
    );
    expect(outputs[BEDROCK_RAG_OUTPUTS.guardrailVersion].Value).toEqual({
      'Fn::GetAtt': [logicalId(stack.guardrail.version), 'Version'],
    });
  });
});
