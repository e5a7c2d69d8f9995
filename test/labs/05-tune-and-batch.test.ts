import { Match } from 'aws-cdk-lib/assertions';
import type { JobRequests } from '../../lambda/sagemaker-job/properties';
import { PREFIXES, type TuneAndBatchStack } from '../../lib/labs/tune-and-batch/stack';
import { BUDGET, MAX_RUNTIME_SECONDS, TRAINING_INSTANCE_TYPE, TRANSFORM_INSTANCE_TYPE } from '../../lib/labs/tune-and-batch/tuning';
import { expectNoFindings, logicalId, type PolicyStatement, resourcesOfType, roleStatements, synthLab } from '../helpers/synth';
import { labFindings } from '../helpers/shared-synth';
import { sageMakerNetworkChecks } from '../helpers/sagemaker-network-checks';
import { expectNothingRetained } from '../helpers/controls';
import { expectWorstCaseFits } from './05-tune-and-batch/worst-case';

const lab = synthLab('tune-and-batch', { validations: false });
// cdk-nag, guard and schema findings, from the run's one validation of every lab (test/helpers/shared-synth.ts).
const findings = labFindings('tune-and-batch');
const stack = lab.stack as TuneAndBatchStack;
const resolve = (value: unknown) => stack.resolve(value) as unknown;

const KEY_ARN = { 'Fn::GetAtt': [logicalId(stack.key), 'Arn'] };
const SG_ID = { 'Fn::GetAtt': [logicalId(stack.securityGroup), 'GroupId'] };
const SUBNETS = stack.vpc.isolatedSubnets.map((s) => resolve(s.subnetId));
const BUCKET = logicalId(stack.data);

const tuningRequest = () => stack.resolve(stack.tuningJob.request) as JobRequests['tuning'];
const transformRequest = () => stack.resolve(stack.transformJob.request) as JobRequests['transform'];
const definition = () => tuningRequest().TrainingJobDefinition!;

const actionsOf = (s: PolicyStatement): string[] => [s.Action].flat();
const statementsIn = (policy: { Properties?: Record<string, unknown> }) =>
  (policy.Properties!.PolicyDocument as { Statement: PolicyStatement[] }).Statement;

function roleOf(prefix: string): string {
  const [id] = resourcesOfType(lab, 'AWS::IAM::Role').find(([id]) => id.startsWith(prefix)) ?? [];
  if (!id) {
    throw new Error(`No role with a logical id starting with ${prefix}`);
  }
  return id;
}
const statementsOf = (prefix: string) => roleStatements(lab, roleOf(prefix));

/** An S3 URI built by `bucket.s3UrlForObject(key)`, as `s3://<bucket logical id>/<key>`. */
function s3Uri(value: unknown): string {
  const join = value as { 'Fn::Join': [string, unknown[]] };
  return join['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : (part as { Ref: string }).Ref)).join('');
}

const network = sageMakerNetworkChecks(lab, stack);

describe('security controls', () => {
  test('the VPC has no internet gateway, no NAT gateway and isolated subnets only', () => {
    network.isolated();
    network.flowLogs();
    network.defaultGroupRestricted();
  });

  test('the S3 endpoint policy allows only the lab bucket, to this account', () => {
    network.endpointReachesOnly([BUCKET]);
  });

  test('the security group allows only itself, and HTTPS to S3', () => {
    network.selfOnlyIngress();
    network.selfAndS3Egress();
  });

  test('every training job of the tuning job runs in the VPC with network isolation and inter-container traffic encryption', () => {
    expect(definition()).toMatchObject({
      VpcConfig: { Subnets: SUBNETS, SecurityGroupIds: [SG_ID] },
      EnableNetworkIsolation: true,
      EnableInterContainerTrafficEncryption: true,
      ResourceConfig: { InstanceType: TRAINING_INSTANCE_TYPE, InstanceCount: 1 },
    });
    expect(SUBNETS).toHaveLength(2);
    // The deployed resource carries exactly this request.
    const [[, job]] = resourcesOfType(lab, 'Custom::SageMakerTuningJob');
    expect(job.Properties).toMatchObject({ JobKind: 'tuning', JobRequest: resolve(stack.toJsonString(stack.tuningJob.request)) });
  });

  test('every training job of the tuning job encrypts its volume and output with the lab key', () => {
    expect(definition().ResourceConfig?.VolumeKmsKeyId).toEqual(KEY_ARN);
    expect(definition().OutputDataConfig).toEqual({ S3OutputPath: expect.anything(), KmsKeyId: KEY_ARN });
    expect(s3Uri(definition().OutputDataConfig?.S3OutputPath)).toBe(`s3://${BUCKET}/${PREFIXES.tuningOutput}`);
  });

  test('the tuning handler can only start isolated, encrypted tuning jobs with this lab\'s names', () => {
    const create = statementsOf('TuningJobOnEventRole').filter((s) => actionsOf(s).some((a) => a.startsWith('sagemaker:Create')));
    expect(create).toEqual([
      expect.objectContaining({
        Action: 'sagemaker:CreateHyperParameterTuningJob',
        Resource: 'arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/l05-tune-*',
        Condition: {
          Bool: { 'sagemaker:NetworkIsolation': 'true', 'sagemaker:InterContainerTrafficEncryption': 'true' },
          'ForAllValues:StringEquals': {
            'sagemaker:VpcSubnets': SUBNETS,
            'sagemaker:VpcSecurityGroupIds': [SG_ID],
            'sagemaker:InstanceTypes': [TRAINING_INSTANCE_TYPE],
          },
          Null: { 'sagemaker:VpcSubnets': 'false', 'sagemaker:VpcSecurityGroupIds': 'false', 'sagemaker:InstanceTypes': 'false' },
          ArnEquals: { 'sagemaker:VolumeKmsKeyArn': KEY_ARN, 'sagemaker:OutputKmsKeyArn': KEY_ARN },
        },
      }),
    ]);
  });

  test('the transform job encrypts its volume and output with the lab key', () => {
    expect(transformRequest().TransformResources).toEqual({ InstanceType: TRANSFORM_INSTANCE_TYPE, InstanceCount: 1, VolumeKmsKeyId: KEY_ARN });
    expect(transformRequest().TransformOutput?.KmsKeyId).toEqual(KEY_ARN);
  });

  test('the transform handler can only start encrypted transform jobs with this lab\'s names, and passes no role', () => {
    const statements = statementsOf('TransformJobOnEventRole');
    expect(statements.filter((s) => actionsOf(s).some((a) => a.startsWith('sagemaker:Create')))).toEqual([
      expect.objectContaining({
        Action: 'sagemaker:CreateTransformJob',
        Resource: 'arn:aws:sagemaker:us-east-1:123456789012:transform-job/lab05tuneandbatch-transform-*',
        Condition: {
          'ForAllValues:StringEquals': { 'sagemaker:InstanceTypes': [TRANSFORM_INSTANCE_TYPE] },
          Null: { 'sagemaker:InstanceTypes': 'false' },
          ArnEquals: { 'sagemaker:VolumeKmsKeyArn': KEY_ARN, 'sagemaker:OutputKmsKeyArn': KEY_ARN },
        },
      }),
    ]);
    expect(statements.filter((s) => actionsOf(s).includes('iam:PassRole'))).toEqual([]);
  });

  test('only the tuning handler passes a role: the execution role, only to SageMaker', () => {
    const passRole = resourcesOfType(lab, 'AWS::IAM::Policy')
      .flatMap(([id, p]) => statementsIn(p).map((s) => ({ id, s })))
      .filter(({ s }) => actionsOf(s).includes('iam:PassRole'));
    expect(passRole).toEqual([
      {
        id: expect.stringMatching(/^TuningJobOnEventRole/),
        s: expect.objectContaining({
          Resource: { 'Fn::GetAtt': [logicalId(stack.executionRole), 'Arn'] },
          Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
        }),
      },
    ]);
  });

  test('the model runs in the VPC with network isolation, from the best training job', () => {
    const [[, model]] = resourcesOfType(lab, 'AWS::SageMaker::Model');
    expect(model.Properties).toMatchObject({
      EnableNetworkIsolation: true,
      VpcConfig: { SecurityGroupIds: [SG_ID], Subnets: SUBNETS },
      PrimaryContainer: { ModelDataUrl: { 'Fn::GetAtt': [expect.stringMatching(/^TuningJob/), 'ModelArtifacts'] } },
    });
  });

  test('the SageMaker handlers touch only this lab\'s jobs', () => {
    const sagemakerResources = ['TuningJobOnEventRole', 'TuningJobIsCompleteRole', 'TransformJobOnEventRole', 'TransformJobIsCompleteRole']
      .flatMap((role) => statementsOf(role))
      .filter((s) => actionsOf(s).some((a) => a.startsWith('sagemaker:')))
      .flatMap((s) => [s.Resource].flat());
    const own = /^arn:aws:sagemaker:us-east-1:123456789012:(hyper-parameter-tuning-job|training-job)\/l05-tune-\*$|transform-job\/lab05tuneandbatch-transform-\*$/;
    expect(sagemakerResources.filter((r) => typeof r !== 'string' || !own.test(r))).toEqual([]);
  });

  test('destroy deletes the tuning job\'s training jobs and the jobs\' log streams, and only this lab\'s', () => {
    const tuning = statementsOf('TuningJobIsCompleteRole');
    expect(tuning).toContainEqual(
      expect.objectContaining({
        Action: ['sagemaker:DeleteTrainingJob', 'sagemaker:DescribeTrainingJob', 'sagemaker:StopTrainingJob'],
        Resource: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/l05-tune-*',
      }),
    );
    const group = (name: string) => `arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/${name}`;
    expect(tuning).toContainEqual(expect.objectContaining({ Action: 'logs:DeleteLogStream', Resource: `${group('TrainingJobs')}:log-stream:l05-tune-*` }));
    expect(statementsOf('TransformJobIsCompleteRole')).toContainEqual(
      expect.objectContaining({ Action: 'logs:DeleteLogStream', Resource: `${group('TransformJobs')}:log-stream:lab05tuneandbatch-transform-*` }),
    );
  });

  test('the execution role reads and writes only its prefixes of the lab bucket, and deletes nothing', () => {
    const statements = roleStatements(lab, logicalId(stack.executionRole));
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    const resources = s3.flatMap((s) => [s.Resource].flat()).map((r) => JSON.stringify(r));
    for (const r of resources) {
      expect(r).toContain(`"${BUCKET}"`);
    }
    const prefixes = new Set(resources.map((r) => /\/([a-z-]+\/)\*"/.exec(r)?.[1]).filter(Boolean));
    // Checkpoints only with -c spot=true (see 05-tune-and-batch/spot.test.ts).
    expect([...prefixes].sort()).toEqual([PREFIXES.batchInput, PREFIXES.batchOutput, PREFIXES.channels, PREFIXES.tuningOutput].sort());
    expect(s3.flatMap(actionsOf).filter((a) => /Delete|^s3:\*$/.test(a))).toEqual([]);
    expect(statements.some((s) => actionsOf(s).some((a) => a === '*' || a.endsWith(':*')))).toBe(false);
  });

  test('the ENI cleanup runs after every SageMaker resource is deleted', () => {
    network.cleanupOrdered(['AWS::SageMaker::Model', 'Custom::SageMakerTuningJob', 'Custom::SageMakerTransformJob']);
    network.cleanupOnlyInVpc();
  });

  test('nothing costs by the hour: no endpoint, no NAT, no interface endpoint', () => {
    for (const type of ['AWS::SageMaker::Endpoint', 'AWS::SageMaker::EndpointConfig', 'AWS::EC2::NatGateway', 'AWS::SageMaker::NotebookInstance']) {
      lab.template.resourceCountIs(type, 0);
    }
    expect(resourcesOfType(lab, 'AWS::EC2::VPCEndpoint').map(([, e]) => e.Properties?.VpcEndpointType)).toEqual(['Gateway']);
  });

  test('no resource is retained on destroy', () => {
    expectNothingRetained(lab);
  });

  test('cdk-nag and guard find nothing unacknowledged', () => {
    expectNoFindings(findings);
  });
});

describe('the lab', () => {
  test('tunes with a Bayesian search, early stopping and a budget of 6 jobs, 2 at a time', () => {
    expect(tuningRequest().HyperParameterTuningJobConfig).toMatchObject({
      Strategy: 'Bayesian',
      HyperParameterTuningJobObjective: { Type: 'Minimize', MetricName: 'validation:merror' },
      ResourceLimits: { MaxNumberOfTrainingJobs: 6, MaxParallelTrainingJobs: 2, MaxRuntimeInSeconds: 2700 },
      TrainingJobEarlyStoppingType: 'Auto',
    });
    expect(BUDGET).toEqual({ maxJobs: 6, parallelJobs: 2 });
  });

  test('searches ranges of different kinds, one on a logarithmic scale', () => {
    const ranges = tuningRequest().HyperParameterTuningJobConfig?.ParameterRanges;
    expect(ranges?.ContinuousParameterRanges?.find((r) => r.Name === 'eta')?.ScalingType).toBe('Logarithmic');
    expect(ranges?.IntegerParameterRanges?.map((r) => r.Name)).toEqual(['max_depth']);
    const names = [...(ranges?.ContinuousParameterRanges ?? []), ...(ranges?.IntegerParameterRanges ?? [])].map((r) => r.Name);
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(names.length).toBeLessThanOrEqual(4);
    // A tuned hyperparameter must not also be fixed.
    expect(Object.keys(definition().StaticHyperParameters ?? {}).filter((k) => names.includes(k))).toEqual([]);
    expect(definition().StaticHyperParameters).toMatchObject({ objective: 'multi:softmax', num_class: '3', eval_metric: 'merror' });
  });

  test('trains on the uploaded train and validation channels, and restarts when they change', () => {
    expect(definition().InputDataConfig?.map((c) => [c.ChannelName, c.ContentType, s3Uri(c.DataSource?.S3DataSource?.S3Uri)])).toEqual([
      ['train', 'text/csv', `s3://${BUCKET}/input/train/`],
      ['validation', 'text/csv', `s3://${BUCKET}/input/validation/`],
    ]);
    const [[, job]] = resourcesOfType(lab, 'Custom::SageMakerTuningJob');
    expect(job.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^TrainingDataUploadCustomResource/)]));
    expect(job.Properties?.DataFingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  test('without -c spot=true, training uses on-demand capacity', () => {
    expect(stack.spot).toBe(false);
    expect(definition().EnableManagedSpotTraining).toBeUndefined();
    expect(definition().CheckpointConfig).toBeUndefined();
    expect(definition().StoppingCondition).toEqual({ MaxRuntimeInSeconds: MAX_RUNTIME_SECONDS });
  });

  test('the worst case (every job running its whole max runtime) ends before CloudFormation gives up', () => {
    // With -c spot=true, in 05-tune-and-batch/spot.test.ts.
    expect(expectWorstCaseFits(lab)).toMatchObject({ trainingRounds: 3, perJobSeconds: MAX_RUNTIME_SECONDS });
  });

  test('the batch transform scores the test rows line by line in multi-record batches, joining each input row to its prediction', () => {
    const request = transformRequest();
    expect(request).toMatchObject({
      ModelName: { 'Fn::GetAtt': [logicalId(stack.model), 'ModelName'] },
      BatchStrategy: 'MultiRecord',
      TransformInput: { ContentType: 'text/csv', SplitType: 'Line' },
      TransformOutput: { Accept: 'text/csv', AssembleWith: 'Line' },
      DataProcessing: { InputFilter: '$[1:]', JoinSource: 'Input' },
    });
    expect(s3Uri(request.TransformInput?.DataSource?.S3DataSource?.S3Uri)).toBe(`s3://${BUCKET}/${PREFIXES.batchInput}`);
    expect(s3Uri(request.TransformOutput?.S3OutputPath)).toBe(`s3://${BUCKET}/${PREFIXES.batchOutput}`);
    const [[, job]] = resourcesOfType(lab, 'Custom::SageMakerTransformJob');
    expect(job.DependsOn).toEqual(expect.arrayContaining([logicalId(stack.model), expect.stringMatching(/^TestDataUploadCustomResource/)]));
  });

  test('exports what verify needs', () => {
    const outputs = Object.keys(lab.template.toJSON().Outputs as object);
    expect(outputs).toEqual(expect.arrayContaining(['TuningJobName', 'BestTrainingJobName', 'TransformJobName', 'TransformOutputPath', 'DataBucket']));
    lab.template.hasOutput('BestTrainingJobName', { Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TuningJob'), 'BestTrainingJobName'] } });
  });
});
