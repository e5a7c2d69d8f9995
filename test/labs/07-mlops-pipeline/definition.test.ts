import {
  allSteps,
  definitionProblems,
  pipelineDefinition,
  type PipelineDefinition,
  type PipelineDefinitionProps,
  type Step,
} from '../../../lib/labs/mlops-pipeline/pipeline-definition';
import { EVALUATION, numberParameterProblem, PARAMETERS, PROCESSING_INSTANCE_TYPE, STEPS } from '../../../lib/labs/mlops-pipeline/settings';

const PROPS: PipelineDefinitionProps = {
  imageUri: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
  jobRoleArn: 'arn:aws:iam::123456789012:role/execution',
  bucketName: 'lab-data',
  keyArn: 'arn:aws:kms:us-east-1:123456789012:key/lab',
  subnets: ['subnet-a', 'subnet-b'],
  securityGroupIds: ['sg-lab'],
  modelPackageGroupName: 'lab07-models',
  tags: [{ Key: 'lab', Value: 'mlops-pipeline' }],
};
const definition = pipelineDefinition(PROPS);
const step = (name: string): Step => {
  const found = allSteps(definition).find((s) => s.Name === name);
  if (!found) throw new Error(`no step ${name}`);
  return found;
};
const steps = (d: PipelineDefinition): Step[] => d.Steps;
const copy = (): PipelineDefinition => JSON.parse(JSON.stringify(definition)) as PipelineDefinition;

describe('the pipeline definition', () => {
  test('runs Prepare, Train, Evaluate and CheckMetric, which registers or fails', () => {
    expect(definition.Steps.map((s) => [s.Name, s.Type])).toEqual([
      [STEPS.prepare, 'Processing'],
      [STEPS.train, 'Training'],
      [STEPS.evaluate, 'Processing'],
      [STEPS.check, 'Condition'],
    ]);
    const check = step(STEPS.check).Arguments as { IfSteps: Step[]; ElseSteps: Step[] };
    expect(check.IfSteps.map((s) => [s.Name, s.Type])).toEqual([[STEPS.register, 'RegisterModel']]);
    expect(check.ElseSteps.map((s) => [s.Name, s.Type])).toEqual([[STEPS.belowThreshold, 'Fail']]);
  });

  test('declares the parameters the exercises use, with their defaults', () => {
    expect(definition.Parameters).toEqual([
      { Name: 'MetricThreshold', Type: 'Float', DefaultValue: 0.75 },
      { Name: 'MaxDepth', Type: 'Integer', DefaultValue: 4 },
      { Name: 'NumRound', Type: 'Integer', DefaultValue: 50 },
      { Name: 'TrainingInstanceType', Type: 'String', DefaultValue: 'ml.m5.large' },
    ]);
  });

  test('the condition compares the evaluation report\'s AUC with MetricThreshold', () => {
    expect(step(STEPS.check).Arguments.Conditions).toEqual([
      {
        Type: 'GreaterThanOrEqualTo',
        LeftValue: { 'Std:JsonGet': { PropertyFile: { Get: 'Steps.Evaluate.PropertyFiles.EvaluationReport' }, Path: EVALUATION.metricPath } },
        RightValue: { Get: 'Parameters.MetricThreshold' },
      },
    ]);
    expect(step(STEPS.evaluate).PropertyFiles).toEqual([{ PropertyFileName: 'EvaluationReport', OutputName: 'evaluation', FilePath: 'evaluation.json' }]);
  });

  test('every processing job runs in the VPC, isolated, encrypted, with the lab key on volume and output', () => {
    for (const name of [STEPS.prepare, STEPS.evaluate]) {
      expect(step(name).Arguments).toMatchObject({
        NetworkConfig: {
          EnableNetworkIsolation: true,
          EnableInterContainerTrafficEncryption: true,
          VpcConfig: { Subnets: PROPS.subnets, SecurityGroupIds: PROPS.securityGroupIds },
        },
        ProcessingResources: { ClusterConfig: { InstanceType: PROCESSING_INSTANCE_TYPE, InstanceCount: 1, VolumeKmsKeyId: PROPS.keyArn } },
        ProcessingOutputConfig: { KmsKeyId: PROPS.keyArn },
        RoleArn: PROPS.jobRoleArn,
      });
    }
  });

  test('the training job runs in the VPC, isolated, encrypted, with the lab key, on the TrainingInstanceType parameter', () => {
    expect(step(STEPS.train).Arguments).toMatchObject({
      EnableNetworkIsolation: true,
      EnableInterContainerTrafficEncryption: true,
      VpcConfig: { Subnets: PROPS.subnets, SecurityGroupIds: PROPS.securityGroupIds },
      OutputDataConfig: { KmsKeyId: PROPS.keyArn },
      ResourceConfig: { InstanceType: { Get: 'Parameters.TrainingInstanceType' }, VolumeKmsKeyId: PROPS.keyArn },
      HyperParameters: { max_depth: { 'Std:Join': { On: '', Values: [{ Get: 'Parameters.MaxDepth' }] } } },
    });
  });

  test('Register adds a version waiting for approval, with the evaluation report as its metrics', () => {
    expect(step(STEPS.register).Arguments).toMatchObject({
      ModelPackageGroupName: PROPS.modelPackageGroupName,
      ModelApprovalStatus: 'PendingManualApproval',
      InferenceSpecification: { Containers: [{ Image: PROPS.imageUri, ModelDataUrl: { Get: 'Steps.Train.ModelArtifacts.S3ModelArtifacts' } }] },
      ModelMetrics: {
        ModelQuality: {
          Statistics: {
            ContentType: 'application/json',
            S3Uri: { 'Std:Join': { On: '/', Values: [{ Get: "Steps.Evaluate.ProcessingOutputConfig.Outputs['evaluation'].S3Output.S3Uri" }, 'evaluation.json'] } },
          },
        },
      },
    });
  });

  test('every output is written under the execution\'s own prefix', () => {
    const uris = allSteps(definition).flatMap((s) =>
      ((s.Arguments.ProcessingOutputConfig as { Outputs?: { S3Output: { S3Uri: unknown } }[] } | undefined)?.Outputs ?? []).map((o) => o.S3Output.S3Uri),
    );
    expect(uris.length).toBe(4);
    for (const uri of [...uris, (step(STEPS.train).Arguments.OutputDataConfig as { S3OutputPath: unknown }).S3OutputPath]) {
      const values = (uri as { 'Std:Join': { On: string; Values: unknown[] } })['Std:Join'];
      expect([values.On, ...values.Values.slice(0, 2)]).toEqual(['/', 's3://lab-data/pipeline-runs', { Get: 'Execution.PipelineExecutionId' }]);
    }
  });

  test('passes the offline checks: names, types, and every reference resolves', () => {
    expect(definitionProblems(definition)).toEqual([]);
  });

  test('the offline checks catch an undeclared parameter, an unknown step, a missing property file and a bad name', () => {
    const broken = copy();
    broken.Parameters = broken.Parameters.filter((p) => p.Name !== 'MaxDepth');
    expect(definitionProblems(broken)).toEqual(['Train reads the undeclared parameter MaxDepth']);

    const renamed = copy();
    renamed.Steps[0].Name = 'Prepare data';
    expect(definitionProblems(renamed)).toEqual(
      expect.arrayContaining(['step name "Prepare data" does not match ^[A-Za-z0-9\\-_]{1,64}$', 'Train reads a property of the unknown step Prepare']),
    );

    const noFile = copy();
    delete noFile.Steps[2].PropertyFiles;
    expect(definitionProblems(noFile)).toEqual(['CheckMetric reads the undeclared property file EvaluationReport of Evaluate']);

    const badType = copy();
    badType.Steps[3].Type = 'Lambda-ish';
    expect(definitionProblems(badType)).toEqual(expect.arrayContaining(['step CheckMetric has the unknown type Lambda-ish']));
  });
});

test('step caching is on for Prepare and Train by default, and off for every step with stepCache false', () => {
  expect(steps(definition).map((s) => [s.Name, s.CacheConfig ?? null])).toEqual([
    [STEPS.prepare, { Enabled: true, ExpireAfter: 'P30D' }],
    [STEPS.train, { Enabled: true, ExpireAfter: 'P30D' }],
    [STEPS.evaluate, null],
    [STEPS.check, null],
  ]);
  const uncached = pipelineDefinition({ ...PROPS, stepCache: false });
  expect(steps(uncached).flatMap((s) => (s.CacheConfig ? [s.CacheConfig] : []))).toEqual([{ Enabled: false }, { Enabled: false }]);
});

describe('parameter ranges', () => {
  test('a threshold or depth outside its range, or a fraction of a round, is refused with the range', () => {
    expect(numberParameterProblem(PARAMETERS.threshold, 0.8)).toBeUndefined();
    expect(numberParameterProblem(PARAMETERS.threshold, 1.2)).toBe('MetricThreshold must be between 0.5 and 1; got 1.2.');
    expect(numberParameterProblem(PARAMETERS.threshold, Number.NaN)).toMatch(/between 0.5 and 1/);
    expect(numberParameterProblem(PARAMETERS.maxDepth, 0)).toBe('MaxDepth must be between 1 and 10; got 0.');
    expect(numberParameterProblem(PARAMETERS.numRound, 2.5)).toBe('NumRound must be a whole number; got 2.5.');
  });
});
