import { allSteps, definitionProblems, type PipelineDefinition, type Step } from '../../lib/labs/mlops-pipeline/pipeline-definition';
import { PROCESSING_INSTANCE_TYPE, STEPS, TRAINING_INSTANCE_TYPES } from '../../lib/labs/mlops-pipeline/settings';
import type { MlopsPipelineStack } from '../../lib/labs/mlops-pipeline/stack';
import { sageMakerNetworkChecks } from '../helpers/sagemaker-network-checks';
import { labFindings } from '../helpers/shared-synth';
import { expectNothingRetained } from '../helpers/controls';
import { expectNoFindings, logicalId, type PolicyStatement, resourcesOfType, roleStatements, synthLab } from '../helpers/synth';

const lab = synthLab('mlops-pipeline', { validations: false });
// cdk-nag, guard and schema findings, from the run's one validation of every lab (test/helpers/shared-synth.ts).
const findings = labFindings('mlops-pipeline');
// The lab as `-c noStepCache=true` builds it, for the step-caching exercise of the guide.
const uncached = synthLab('mlops-pipeline', { validations: false, context: { noStepCache: 'true' } }).stack as MlopsPipelineStack;
const stack = lab.stack as MlopsPipelineStack;
const resolve = (value: unknown) => stack.resolve(value) as unknown;

const KEY_ARN = { 'Fn::GetAtt': [logicalId(stack.key), 'Arn'] };
const SG_ID = { 'Fn::GetAtt': [logicalId(stack.securityGroup), 'GroupId'] };
const SUBNETS = stack.vpc.isolatedSubnets.map((s) => resolve(s.subnetId));
const BUCKET = logicalId(stack.data);
const definition = resolve(stack.definition) as PipelineDefinition;
const steps = allSteps(definition);
const jobSteps = steps.filter((s) => s.Type === 'Processing' || s.Type === 'Training');
const ACCOUNT = 'arn:aws:sagemaker:us-east-1:123456789012';
const network = sageMakerNetworkChecks(lab, stack);

const actionsOf = (s: PolicyStatement): string[] => [s.Action].flat();
const statementsOf = (construct: Parameters<typeof logicalId>[0]) => roleStatements(lab, logicalId(construct));
const allowing = (statements: PolicyStatement[], action: string) => statements.filter((s) => actionsOf(s).includes(action));

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

  test('every pipeline job runs in the VPC with network isolation and inter-container traffic encryption', () => {
    expect(jobSteps.map((s) => s.Name)).toEqual([STEPS.prepare, STEPS.train, STEPS.evaluate]);
    const network = { EnableNetworkIsolation: true, EnableInterContainerTrafficEncryption: true, VpcConfig: { Subnets: SUBNETS, SecurityGroupIds: [SG_ID] } };
    for (const step of jobSteps) {
      expect({ step: step.Name, network: step.Type === 'Processing' ? step.Arguments.NetworkConfig : pick(step, Object.keys(network)) }).toEqual({ step: step.Name, network });
    }
    expect(SUBNETS).toHaveLength(2);
    // The deployed resource carries exactly this definition, and it passes the offline checks.
    const [[, pipeline]] = resourcesOfType(lab, 'AWS::SageMaker::Pipeline');
    expect(pipeline.Properties?.PipelineDefinition).toEqual({ PipelineDefinitionBody: resolve(stack.toJsonString(stack.definition)) });
    expect(definitionProblems(definition)).toEqual([]);
  });

  test('every pipeline job encrypts its volume and output with the lab key', () => {
    for (const step of jobSteps) {
      const a = step.Arguments as Record<string, { ClusterConfig?: { VolumeKmsKeyId?: unknown }; VolumeKmsKeyId?: unknown; KmsKeyId?: unknown }>;
      const volume = step.Type === 'Processing' ? a.ProcessingResources.ClusterConfig?.VolumeKmsKeyId : a.ResourceConfig.VolumeKmsKeyId;
      const output = step.Type === 'Processing' ? a.ProcessingOutputConfig.KmsKeyId : a.OutputDataConfig.KmsKeyId;
      expect({ step: step.Name, volume, output }).toEqual({ step: step.Name, volume: KEY_ARN, output: KEY_ARN });
    }
  });

  test('the pipeline role can only start isolated, encrypted jobs in the lab VPC on the lab\'s instance types', () => {
    const statements = statementsOf(stack.pipelineRole);
    const secured = (types: readonly string[]) => ({
      Bool: { 'sagemaker:NetworkIsolation': 'true', 'sagemaker:InterContainerTrafficEncryption': 'true' },
      'ForAllValues:StringEquals': { 'sagemaker:VpcSubnets': SUBNETS, 'sagemaker:VpcSecurityGroupIds': [SG_ID], 'sagemaker:InstanceTypes': [...types] },
      Null: { 'sagemaker:VpcSubnets': 'false', 'sagemaker:VpcSecurityGroupIds': 'false', 'sagemaker:InstanceTypes': 'false' },
      ArnEquals: { 'sagemaker:VolumeKmsKeyArn': KEY_ARN, 'sagemaker:OutputKmsKeyArn': KEY_ARN },
    });
    expect(allowing(statements, 'sagemaker:CreateProcessingJob')).toEqual([
      expect.objectContaining({ Resource: `${ACCOUNT}:processing-job/pipelines-*`, Condition: secured([PROCESSING_INSTANCE_TYPE]) }),
    ]);
    expect(allowing(statements, 'sagemaker:CreateTrainingJob')).toEqual([
      expect.objectContaining({ Resource: `${ACCOUNT}:training-job/pipelines-*`, Condition: secured(TRAINING_INSTANCE_TYPES) }),
    ]);
    expect(allowing(statements, 'iam:PassRole')).toEqual([
      expect.objectContaining({ Resource: resolve(stack.executionRole.roleArn), Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } }),
    ]);
  });

  test('the pipeline registers versions only as PendingManualApproval, and cannot approve them', () => {
    const statements = statementsOf(stack.pipelineRole);
    expect(allowing(statements, 'sagemaker:CreateModelPackage')).toEqual([
      expect.objectContaining({
        Resource: `${ACCOUNT}:model-package/${stack.names.group}/*`,
        Condition: { StringEquals: { 'sagemaker:ModelApprovalStatus': 'PendingManualApproval' } },
      }),
    ]);
    const register = steps.find((s) => s.Name === STEPS.register)!;
    expect(register.Arguments).toMatchObject({ ModelPackageGroupName: stack.names.group, ModelApprovalStatus: 'PendingManualApproval' });
    for (const role of [stack.pipelineRole, stack.deliveryFunction.role!, stack.trigger.role!]) {
      expect(statementsOf(role).flatMap(actionsOf).filter((a) => a === 'sagemaker:UpdateModelPackage' || a === 'sagemaker:*')).toEqual([]);
    }
  });

  test('only an Approved version of the lab group starts the delivery', () => {
    const [[, rule]] = resourcesOfType(lab, 'AWS::Events::Rule');
    expect(rule.Properties?.EventPattern).toEqual({
      source: ['aws.sagemaker'],
      'detail-type': ['SageMaker Model Package State Change'],
      detail: { ModelPackageGroupName: [stack.names.group], ModelApprovalStatus: ['Approved'] },
    });
    expect(rule.Properties?.Targets).toEqual([expect.objectContaining({ Arn: { 'Fn::GetAtt': [logicalId(stack.trigger), 'Arn'] } })]);
    expect(statementsOf(stack.trigger.role!).filter((s) => actionsOf(s).some((a) => a.startsWith('codepipeline:')))).toEqual([
      expect.objectContaining({ Action: 'codepipeline:StartPipelineExecution' }),
    ]);
  });

  test('the delivery deploys only to the lab\'s two serverless endpoints, with small serverless settings', () => {
    const statements = statementsOf(stack.deliveryFunction.role!);
    const endpoints = [stack.names.staging, stack.names.production].map((n) => `${ACCOUNT}:endpoint/${n}`);
    expect(allowing(statements, 'sagemaker:CreateEndpointConfig')).toEqual([
      expect.objectContaining({
        Resource: `${ACCOUNT}:endpoint-config/${stack.names.resourcePrefix}-*`,
        Condition: { NumericLessThanEquals: { 'sagemaker:ServerlessMemorySize': 2048, 'sagemaker:ServerlessMaxConcurrency': 2 } },
      }),
    ]);
    for (const action of ['sagemaker:CreateEndpoint', 'sagemaker:UpdateEndpoint', 'sagemaker:DescribeEndpoint']) {
      const resources = allowing(statements, action).flatMap((s) => [s.Resource].flat());
      expect({ action, endpoints: resources.filter((r) => String(r).includes(':endpoint/')).sort() }).toEqual({ action, endpoints: [...endpoints].sort() });
    }
    expect(allowing(statements, 'sagemaker:InvokeEndpoint').flatMap((s) => [s.Resource].flat())).toEqual([endpoints[0]]);
    lab.template.resourceCountIs('AWS::SageMaker::Endpoint', 0);
  });

  test('the serverless endpoints run outside the VPC without network isolation', () => {
    // A documented trade-off, not a protection: serverless endpoints support neither a VPC nor network isolation
    // (https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html). The delivery's role cannot
    // attach a VPC to a model it creates (no ec2 permissions, no sagemaker:VpcSubnets), and it can only create
    // models from the lab's registry group (DescribeModelPackage on the group's versions only).
    const statements = statementsOf(stack.deliveryFunction.role!);
    expect(statements.flatMap(actionsOf).filter((a) => a.startsWith('ec2:'))).toEqual([]);
    expect(allowing(statements, 'sagemaker:DescribeModelPackage').flatMap((s) => [s.Resource].flat())).toEqual([`${ACCOUNT}:model-package/${stack.names.group}/*`]);
    expect(allowing(statements, 'sagemaker:CreateModel').flatMap((s) => [s.Resource].flat())).toEqual([`${ACCOUNT}:model/${stack.names.resourcePrefix}-*`]);
  });

  test('destroy removes what the pipelines created at run time before the pipelines, the group and the network', () => {
    const [[cleanupId, cleanup]] = resourcesOfType(lab, 'Custom::MlopsRunTimeCleanup');
    const dependsOn = [cleanup.DependsOn ?? []].flat();
    for (const construct of [stack.pipeline, stack.modelPackageGroup, stack.deliveryPipeline, stack.pipelineRole, stack.executionRole, stack.deliveryFunction, stack.trigger]) {
      expect({ on: logicalId(construct), dependsOn }).toEqual({ on: logicalId(construct), dependsOn: expect.arrayContaining([logicalId(construct)]) });
    }
    const [[eniCleanupId]] = resourcesOfType(lab, 'Custom::SageMakerEniCleanup');
    expect([lab.json.Resources[logicalId(stack.pipeline)].DependsOn ?? []].flat()).toContain(eniCleanupId);
    expect(cleanup.Properties).toMatchObject({
      PipelineName: stack.names.pipeline,
      ModelPackageGroupName: stack.names.group,
      ResourcePrefix: stack.names.resourcePrefix,
      Endpoints: [stack.names.staging, stack.names.production],
    });
    expect(cleanupId).toMatch(/^RunTimeCleanup/);
  });

  test('the ENI cleanup runs after the pipeline is deleted, and only in the lab VPC', () => {
    // The pipeline's jobs leave their network interfaces in the VPC; the run-time clean-up (deleted before the
    // pipeline) stops and deletes them, then the ENI clean-up removes what SageMaker left.
    network.cleanupOrdered(['AWS::SageMaker::Pipeline']);
    network.cleanupOnlyInVpc();
  });

  test('nothing costs by the hour: no instance-backed endpoint, no NAT, no interface endpoint', () => {
    for (const type of ['AWS::SageMaker::Endpoint', 'AWS::SageMaker::EndpointConfig', 'AWS::EC2::NatGateway', 'AWS::SageMaker::NotebookInstance']) {
      lab.template.resourceCountIs(type, 0);
    }
    expect(resourcesOfType(lab, 'AWS::EC2::VPCEndpoint').map(([, e]) => e.Properties?.VpcEndpointType)).toEqual(['Gateway']);
    lab.template.hasResourceProperties('AWS::CodePipeline::Pipeline', { PipelineType: 'V2' });
  });

  test('no resource is retained on destroy', () => {
    expectNothingRetained(lab);
  });

  test('cdk-nag and guard find nothing unacknowledged', () => {
    expectNoFindings(findings);
  });
});

describe('the lab', () => {
  test('the delivery is Source, Staging (deploy, smoke test), Approval, Production, with the approved version as a variable', () => {
    const [[, pipeline]] = resourcesOfType(lab, 'AWS::CodePipeline::Pipeline');
    const stages = pipeline.Properties?.Stages as { Name: string; Actions: { Name: string; ActionTypeId: { Provider: string }; Configuration?: { UserParameters?: string } }[] }[];
    expect(stages.map((s) => [s.Name, s.Actions.map((a) => `${a.Name}:${a.ActionTypeId.Provider}`)])).toEqual([
      ['Source', ['ApprovalRecord:S3']],
      ['Staging', ['DeployStaging:Lambda', 'SmokeTest:Lambda']],
      ['Approval', ['PromoteToProduction:Manual']],
      ['Production', ['DeployProduction:Lambda']],
    ]);
    expect(JSON.parse(stages[1].Actions[0].Configuration!.UserParameters!)).toEqual({ action: 'deploy', target: 'staging', modelPackageArn: '#{variables.ModelPackageArn}' });
    expect(pipeline.Properties).toMatchObject({ ExecutionMode: 'QUEUED', Variables: [expect.objectContaining({ Name: 'ModelPackageArn' })] });
  });

  test('names derive from the stack name and fit SageMaker\'s limits', () => {
    expect(stack.names).toEqual({
      pipeline: 'lab07mlopspipeline-pipeline',
      group: 'lab07mlopspipeline-models',
      staging: 'lab07mlopspipeline-staging',
      production: 'lab07mlopspipeline-production',
      resourcePrefix: 'lab07mlopspipeline-dlv',
    });
  });

  test('the condition step registers only at or above the MetricThreshold parameter', () => {
    const check = steps.find((s) => s.Name === STEPS.check)!;
    const args = check.Arguments as { IfSteps: Step[]; ElseSteps: Step[] };
    expect([args.IfSteps.map((s) => s.Name), args.ElseSteps.map((s) => s.Name)]).toEqual([[STEPS.register], [STEPS.belowThreshold]]);
  });

  test('Prepare and Train reuse earlier results by default, and -c noStepCache=true turns that off in the deployed pipeline', () => {
    const caching = (s: MlopsPipelineStack) =>
      allSteps(s.resolve(s.definition) as PipelineDefinition).flatMap((step) => (step.CacheConfig ? [[step.Name, (step.CacheConfig as { Enabled: boolean }).Enabled]] : []));
    expect({ byDefault: caching(stack), noStepCache: caching(uncached) }).toEqual({
      byDefault: [[STEPS.prepare, true], [STEPS.train, true]],
      noStepCache: [[STEPS.prepare, false], [STEPS.train, false]],
    });
    // The template carries the definition the stack holds (as checked above for the default).
    const body = (uncached.resolve(uncached.toJsonString(uncached.definition)) as string | { 'Fn::Join': [string, unknown[]] });
    expect(JSON.stringify(body)).toContain('\\"Enabled\\":false');
  });
});

function pick(step: Step, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, step.Arguments[k]]));
}
