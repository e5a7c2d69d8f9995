import { Match } from 'aws-cdk-lib/assertions';
import { HOSTING_INSTANCE_TYPE, type SageMakerPrivateStack, TRAINING_INSTANCE_TYPE } from '../../lib/labs/sagemaker-private/stack';
import type { TrainingJobRequest } from '../../lambda/sagemaker-job/properties';
import { expectNoFindings, logicalId, type PolicyStatement, resourcesOfType, roleStatements, synthLab } from '../helpers/synth';
import { labFindings } from '../helpers/shared-synth';
import { expectNothingRetained } from '../helpers/controls';
import { sageMakerNetworkChecks } from '../helpers/sagemaker-network-checks';

const lab = synthLab('sagemaker-private', { validations: false });
// cdk-nag, guard and schema findings, from the run's one validation of every lab (test/helpers/shared-synth.ts).
const findings = labFindings('sagemaker-private');
const stack = lab.stack as SageMakerPrivateStack;
const resolve = (value: unknown) => stack.resolve(value) as unknown;

const KEY_ARN = { 'Fn::GetAtt': [logicalId(stack.key), 'Arn'] };
const SG_ID = { 'Fn::GetAtt': [logicalId(stack.securityGroup), 'GroupId'] };

/** The training job's CreateTrainingJob request, with CloudFormation references resolved to objects. */
function trainingRequest(): TrainingJobRequest {
  return stack.resolve(stack.trainingJob.request) as TrainingJobRequest;
}

const actionsOf = (s: PolicyStatement): string[] => [s.Action].flat();
const statementsOf = (roleLogicalId: string) => roleStatements(lab, roleLogicalId);
const statementsIn = (policy: { Properties?: Record<string, unknown> }) =>
  (policy.Properties!.PolicyDocument as { Statement: PolicyStatement[] }).Statement;

function roleOf(path: string): string {
  const [id] = resourcesOfType(lab, 'AWS::IAM::Role').find(([id]) => id.startsWith(path)) ?? [];
  if (!id) {
    throw new Error(`No role with a logical id starting with ${path}`);
  }
  return id;
}

const network = sageMakerNetworkChecks(lab, stack);

describe('security controls', () => {
  test('the VPC has no internet gateway and no NAT gateway', network.isolated);

  test('VPC flow logs record all traffic to an encrypted log group', network.flowLogs);

  test('the S3 endpoint policy allows only the lab buckets, not an unrelated bucket', () => {
    const buckets = resourcesOfType(lab, 'AWS::S3::Bucket').filter(([id]) => !id.startsWith('AccessLogs')).map(([id]) => id);
    expect(buckets).toHaveLength(2);
    network.endpointReachesOnly(buckets);
  });

  test('the security group allows ingress only from itself', network.selfOnlyIngress);

  test('the security group allows egress only to itself and to S3 on port 443', network.selfAndS3Egress);

  test('the default security group is restricted', network.defaultGroupRestricted);

  test('the training job runs in the VPC with network isolation and inter-container traffic encryption', () => {
    const request = trainingRequest();
    expect(request.EnableNetworkIsolation).toBe(true);
    expect(request.EnableInterContainerTrafficEncryption).toBe(true);
    expect(request.VpcConfig).toEqual({
      Subnets: stack.vpc.isolatedSubnets.map((s) => resolve(s.subnetId)),
      SecurityGroupIds: [SG_ID],
    });
    expect(request.VpcConfig?.Subnets).toHaveLength(2);
    expect(request.StoppingCondition?.MaxRuntimeInSeconds).toBeLessThanOrEqual(3600);
    expect(request.ResourceConfig).toMatchObject({ InstanceType: TRAINING_INSTANCE_TYPE, InstanceCount: 1 });
    // The deployed resource carries exactly this request.
    const [[, job]] = resourcesOfType(lab, 'Custom::SageMakerTrainingJob');
    expect(job.Properties).toMatchObject({ JobKind: 'training', JobRequest: resolve(stack.toJsonString(stack.trainingJob.request)) });
  });

  test('the training job encrypts its volume and output with the lab key', () => {
    const request = trainingRequest();
    expect(request.ResourceConfig?.VolumeKmsKeyId).toEqual(KEY_ARN);
    expect(request.OutputDataConfig?.KmsKeyId).toEqual(KEY_ARN);
  });

  test('the training-job handler can only start isolated, encrypted jobs with this lab\'s names', () => {
    const statements = statementsOf(roleOf('TrainingJobOnEventRole'));
    const jobs = `arn:aws:sagemaker:us-east-1:123456789012:training-job/lab03sagemakerprivate-xgboost-*`;
    const create = statements.filter((s) => actionsOf(s).includes('sagemaker:CreateTrainingJob'));
    expect(create).toEqual([
      expect.objectContaining({
        Resource: jobs,
        Condition: {
          Bool: { 'sagemaker:NetworkIsolation': 'true', 'sagemaker:InterContainerTrafficEncryption': 'true' },
          'ForAllValues:StringEquals': {
            'sagemaker:VpcSubnets': stack.vpc.isolatedSubnets.map((s) => resolve(s.subnetId)),
            'sagemaker:VpcSecurityGroupIds': [SG_ID],
            'sagemaker:InstanceTypes': [TRAINING_INSTANCE_TYPE],
          },
          Null: { 'sagemaker:VpcSubnets': 'false', 'sagemaker:VpcSecurityGroupIds': 'false', 'sagemaker:InstanceTypes': 'false' },
          // The *Arn keys: sagemaker:VolumeKmsKey and sagemaker:OutputKmsKey are deprecated and not defined for CreateTrainingJob.
          ArnEquals: { 'sagemaker:VolumeKmsKeyArn': KEY_ARN, 'sagemaker:OutputKmsKeyArn': KEY_ARN },
        },
      }),
    ]);
    const all = [...statements, ...statementsOf(roleOf('TrainingJobIsCompleteRole'))];
    const sagemakerStatements = all.filter((s) => actionsOf(s).some((a: string) => a.startsWith('sagemaker:')));
    expect(sagemakerStatements.every((s) => s.Resource === jobs)).toBe(true);
  });

  test('destroy deletes the training job\'s log streams, and only this lab\'s', () => {
    const group = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/TrainingJobs';
    const logStatements = statementsOf(roleOf('TrainingJobIsCompleteRole')).filter((s) => actionsOf(s).some((a) => a.startsWith('logs:')));
    expect(logStatements).toEqual([
      // Its own log group, like every LabFunction.
      expect.objectContaining({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'] }),
      expect.objectContaining({ Action: 'logs:DescribeLogStreams', Resource: `${group}:*` }),
      expect.objectContaining({ Action: 'logs:DeleteLogStream', Resource: `${group}:log-stream:lab03sagemakerprivate-xgboost-*` }),
    ]);
  });

  test('the training-job handler passes only the execution role, only to SageMaker', () => {
    const passRole = statementsOf(roleOf('TrainingJobOnEventRole')).filter((s) => actionsOf(s).includes('iam:PassRole'));
    expect(passRole).toEqual([
      expect.objectContaining({
        Resource: { 'Fn::GetAtt': [logicalId(stack.executionRole), 'Arn'] },
        Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
      }),
    ]);
    const elsewhere = resourcesOfType(lab, 'AWS::IAM::Policy')
      // The idle self-delete passes the CDK bootstrap's CloudFormation execution role to CloudFormation only
      // (test/constructs/idle-stack-delete.test.ts); no other role passes any role.
      .filter(([id]) => !id.startsWith('TrainingJobOnEventRole') && !id.startsWith('IdleDeleteFunctionRole'))
      .flatMap(([, p]) => statementsIn(p))
      .filter((s) => actionsOf(s).includes('iam:PassRole'));
    expect(elsewhere).toEqual([]);
  });

  test('the model runs in the VPC with network isolation', () => {
    const [[, model]] = resourcesOfType(lab, 'AWS::SageMaker::Model');
    expect(model.Properties).toMatchObject({
      EnableNetworkIsolation: true,
      VpcConfig: { SecurityGroupIds: [SG_ID], Subnets: stack.vpc.isolatedSubnets.map((s) => resolve(s.subnetId)) },
      PrimaryContainer: { ModelDataUrl: { 'Fn::GetAtt': [expect.stringMatching(/^TrainingJob/), 'ModelArtifacts'] } },
    });
    expect((model.Properties!.VpcConfig as { Subnets: unknown[] }).Subnets).toHaveLength(2);
  });

  test('the endpoint config encrypts endpoint storage and captured data with the lab key', () => {
    lab.template.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      KmsKeyId: KEY_ARN,
      ProductionVariants: [Match.objectLike({ InstanceType: HOSTING_INSTANCE_TYPE, InitialInstanceCount: 1 })],
      DataCaptureConfig: Match.objectLike({ EnableCapture: true, KmsKeyId: KEY_ARN }),
    });
    // KmsKeyId is rejected for instance types with local NVMe storage (ml.*d.*, g4dn, g5, p4d).
    expect(HOSTING_INSTANCE_TYPE).not.toMatch(/^ml\.([a-z]+\dd\.|g4dn|g5|p4d)/);
  });

  test('the execution role is scoped to the lab buckets, key, image and VPC', () => {
    const statements = statementsOf(logicalId(stack.executionRole));
    const resources = statements.flatMap((s) => [s.Resource].flat());
    const stars = statements.filter((s) => [s.Resource].flat().includes('*'));
    // "*" only for actions without resource-level permissions, or behind a condition.
    for (const s of stars) {
      const actions = actionsOf(s);
      const unscopable = actions.every((a) => /^ec2:Describe|^ecr:GetAuthorizationToken$/.test(a));
      expect(unscopable || s.Condition !== undefined).toBe(true);
    }
    expect(stars.find((s) => actionsOf(s).includes('ec2:CreateNetworkInterface'))?.Condition).toEqual({
      ArnEqualsIfExists: { 'ec2:Vpc': expect.objectContaining({ 'Fn::Join': expect.anything() }) },
    });
    const s3 = statements.filter((s) => actionsOf(s).some((a: string) => a.startsWith('s3:')));
    for (const r of s3.flatMap((s) => [s.Resource].flat())) {
      expect(JSON.stringify(r)).toMatch(/"(Data|Artifacts)[0-9A-F]{8}"/);
    }
    expect(resources).toContainEqual(expect.stringMatching(/^arn:aws:ecr:us-east-1:683313688378:repository\/sagemaker-xgboost$/));
    expect(statements.some((s) => actionsOf(s).some((a: string) => a === '*' || a.endsWith(':*')))).toBe(false);
  });

  test('the lab\'s own roles have no AWS managed policy', () => {
    // CDK-internal handlers (Provider framework, bucket emptying, default-SG lockdown) keep the
    // AWS-maintained logging policy; they are acknowledged in lib/validation/acknowledgements.ts.
    const own = resourcesOfType(lab, 'AWS::IAM::Role').filter(([id]) => !/framework|^Custom/.test(id));
    expect(own.map(([id]) => id)).toEqual(expect.arrayContaining([logicalId(stack.executionRole), roleOf('TrainingJobOnEventRole')]));
    for (const [id, role] of own) {
      expect({ id, managed: role.Properties?.ManagedPolicyArns }).toEqual({ id, managed: undefined });
    }
  });

  test('the ENI cleanup can delete network interfaces only in the lab VPC', network.cleanupOnlyInVpc);

  test('the ENI cleanup runs after the SageMaker resources are deleted and before the network', () => {
    network.cleanupOrdered(['AWS::SageMaker::Endpoint', 'AWS::SageMaker::Model', 'Custom::SageMakerTrainingJob']);
  });

  test('every bucket is encrypted with the lab key', () => {
    const buckets = resourcesOfType(lab, 'AWS::S3::Bucket').filter(([id]) => !id.startsWith('AccessLogs'));
    expect(buckets.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['Artifacts', 'Data']);
    for (const [, bucket] of buckets) {
      expect(bucket.Properties?.BucketEncryption).toEqual({
        ServerSideEncryptionConfiguration: [
          { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY_ARN } },
        ],
      });
    }
  });

  test('the endpoint log group is created by the stack, encrypted and deleted on destroy', () => {
    lab.template.hasResource('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: '/aws/sagemaker/Endpoints/lab03sagemakerprivate-endpoint', KmsKeyId: KEY_ARN, RetentionInDays: 365, Tags: Match.anyValue() },
      DeletionPolicy: 'Delete',
    });
    lab.template.hasResourceProperties('AWS::SageMaker::Endpoint', { EndpointName: 'lab03sagemakerprivate-endpoint' });
    const [[, endpoint]] = resourcesOfType(lab, 'AWS::SageMaker::Endpoint');
    expect(endpoint.DependsOn).toContain(logicalId(stack.endpointLogGroup));
    // Deleted only after the ENI cleanup, i.e. after SageMaker has released the endpoint's instances.
    const [[, cleanup]] = resourcesOfType(lab, 'Custom::SageMakerEniCleanup');
    expect(cleanup.DependsOn).toContain(logicalId(stack.endpointLogGroup));
  });

  test('no resource is retained on destroy', () => {
    expectNothingRetained(lab);
  });

  test('cdk-nag and guard find nothing unacknowledged', () => {
    expectNoFindings(findings);
  });
});

describe('the lab', () => {
  test('trains with the built-in XGBoost image of the stack\'s Region', () => {
    expect(trainingRequest().AlgorithmSpecification).toEqual({
      TrainingImage: { 'Fn::Join': ['', ['683313688378.dkr.ecr.us-east-1.', { Ref: 'AWS::URLSuffix' }, '/sagemaker-xgboost:1.7-1']] },
      TrainingInputMode: 'File',
    });
  });

  test('trains on the uploaded train and validation channels, as CSV', () => {
    const channels = trainingRequest().InputDataConfig ?? [];
    const uri = (c: (typeof channels)[number]) => c.DataSource?.S3DataSource?.S3Uri as unknown as { 'Fn::Join': [string, unknown[]] };
    expect(channels.map((c) => [c.ChannelName, c.ContentType, uri(c)['Fn::Join'][1][2]])).toEqual([
      ['train', 'text/csv', '/input/train/'],
      ['validation', 'text/csv', '/input/validation/'],
    ]);
    const [[, job]] = resourcesOfType(lab, 'Custom::SageMakerTrainingJob');
    expect(job.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^TrainingDataUploadCustomResource/)]));
    expect(job.Properties?.DataFingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  test('exports what verify needs', () => {
    const outputs = Object.keys(lab.template.toJSON().Outputs as object);
    expect(outputs).toEqual(expect.arrayContaining(['TrainingJobName', 'EndpointName', 'ArtifactsBucket']));
  });
});
