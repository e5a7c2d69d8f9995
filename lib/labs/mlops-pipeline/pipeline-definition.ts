/**
 * The definition of lab 07's SageMaker pipeline, built in code (no aws-cdk-lib import: the values may be CDK
 * tokens, which the stack resolves with `stack.toJsonString`). The format is the pipeline definition JSON
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/define-pipeline.html; schema:
 * https://aws-sagemaker-mlops.github.io/sagemaker-model-building-pipeline-definition-JSON-schema/): each step's
 * `Arguments` is the request of the API it calls without the job name (CreateProcessingJob, CreateTrainingJob,
 * CreateModelPackage), and values computed at run time are functions: `{ Get: "Parameters.X" }`,
 * `{ Get: "Steps.S.<property>" }`, `Std:Join` and `Std:JsonGet` on a step's property file.
 *
 * Prepare (processing) splits the raw data into train, validation and test; Train (built-in XGBoost) fits a
 * binary classifier; Evaluate (processing) scores the test split and writes an evaluation report; CheckMetric
 * compares the report's AUC with the MetricThreshold parameter; Register adds a model package version with the
 * report attached and the status PendingManualApproval, or BelowThreshold fails the execution with the reason.
 *
 * Checked once offline (2026-12-02) against the published schema (repository
 * aws-sagemaker-mlops/sagemaker-model-building-pipeline-definition-JSON-schema, commit b4012b0 of 2025-04-03; not
 * copied here): the Prepare, Train and BelowThreshold steps validate as they are. The rest differs only where the
 * schema predates what the SageMaker Python SDK itself writes: `CacheConfig`, `AppManaged`, `Std:Join` values,
 * a step's `PropertyFiles`, `Std:JsonGet` in a condition, and `ModelApprovalStatus` and `Tags` in a RegisterModel
 * step (the SDK's `get_create_model_package_request` in sagemaker/session.py sets `ModelApprovalStatus`). The
 * tests run `definitionProblems` below instead: the schema's name and type rules, and every reference resolved.
 */
import { EVALUATION, JOB_MAX_RUNTIME_SECONDS, PARAMETERS, PREFIXES, PROCESSING_INSTANCE_TYPE, STEPS } from './settings';

/** What the definition needs from the stack (CDK tokens or plain strings). */
export interface PipelineDefinitionProps {
  /** The built-in XGBoost image: training, the processing scripts (pandas, scikit-learn, xgboost) and hosting. */
  readonly imageUri: string;
  /** The role the jobs run with (SageMakerExecutionRole). */
  readonly jobRoleArn: string;
  readonly bucketName: string;
  /** The lab key: job volumes and outputs. */
  readonly keyArn: string;
  readonly subnets: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly modelPackageGroupName: string;
  /** Tags of every model package version the pipeline registers (the clean-up finds them by tag, too). */
  readonly tags: readonly { readonly Key: string; readonly Value: string }[];
  /** Step caching of Prepare and Train (`-c noStepCache=true` turns it off). @default true */
  readonly stepCache?: boolean;
}

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type Step = { Name: string; Type: string; Arguments: { [key: string]: Json } } & { [key: string]: Json };
export interface PipelineDefinition {
  Version: string;
  Metadata: { [key: string]: Json };
  Parameters: { Name: string; Type: string; DefaultValue: Json }[];
  Steps: Step[];
}

const get = (path: string): Json => ({ Get: path });
const join = (on: string, values: Json[]): Json => ({ 'Std:Join': { On: on, Values: values } });
/** A parameter as a string (hyperparameters are strings), as the SageMaker Python SDK writes it. */
const asString = (parameter: { name: string }): Json => join('', [get(`Parameters.${parameter.name}`)]);
/** Where a step of this execution writes: s3://<bucket>/pipeline-runs/<execution id>/<path>. */
const runPath = (bucket: string, path: string): Json =>
  join('/', [`s3://${bucket}/${PREFIXES.runs.slice(0, -1)}`, get('Execution.PipelineExecutionId'), path]);
const processingOutput = (step: string, output: string): Json =>
  get(`Steps.${step}.ProcessingOutputConfig.Outputs['${output}'].S3Output.S3Uri`);
const MODEL_ARTIFACTS = get(`Steps.${STEPS.train}.ModelArtifacts.S3ModelArtifacts`);

/** Code, data and results stay in the processing container; the paths a script sees. */
const LOCAL = '/opt/ml/processing';

/** Steps whose inputs did not change reuse the earlier result (https://docs.aws.amazon.com/sagemaker/latest/dg/pipelines-caching.html). */
const cacheConfig = (enabled: boolean): Json => (enabled ? { Enabled: true, ExpireAfter: 'P30D' } : { Enabled: false });

export function pipelineDefinition(props: PipelineDefinitionProps): PipelineDefinition {
  const { bucketName: bucket, keyArn } = props;
  const CACHE = cacheConfig(props.stepCache ?? true);
  const network = {
    EnableNetworkIsolation: true,
    EnableInterContainerTrafficEncryption: true,
    VpcConfig: { Subnets: [...props.subnets], SecurityGroupIds: [...props.securityGroupIds] },
  };
  const s3Input = (name: string, uri: Json, local: string): Json => ({
    InputName: name,
    AppManaged: false,
    S3Input: { S3Uri: uri, LocalPath: local, S3DataType: 'S3Prefix', S3InputMode: 'File', S3DataDistributionType: 'FullyReplicated', S3CompressionType: 'None' },
  });
  const s3Output = (name: string, path: string): Json => ({
    OutputName: name,
    AppManaged: false,
    S3Output: { S3Uri: runPath(bucket, path), LocalPath: `${LOCAL}/${name}`, S3UploadMode: 'EndOfJob' },
  });
  /** A processing job on the XGBoost image running one of the lab's scripts, in the VPC, isolated, encrypted. */
  const processing = (script: string, inputs: Json[], outputs: Json[]) => ({
    ProcessingResources: {
      ClusterConfig: { InstanceType: PROCESSING_INSTANCE_TYPE, InstanceCount: 1, VolumeSizeInGB: 5, VolumeKmsKeyId: keyArn },
    },
    AppSpecification: { ImageUri: props.imageUri, ContainerEntrypoint: ['python3', `${LOCAL}/input/code/${script}`] },
    RoleArn: props.jobRoleArn,
    ProcessingInputs: [s3Input('code', `s3://${bucket}/${PREFIXES.code}`, `${LOCAL}/input/code`), ...inputs],
    ProcessingOutputConfig: { Outputs: outputs, KmsKeyId: keyArn },
    NetworkConfig: network,
    StoppingCondition: { MaxRuntimeInSeconds: JOB_MAX_RUNTIME_SECONDS },
  });

  const prepare: Step = {
    Name: STEPS.prepare,
    Type: 'Processing',
    Arguments: processing(
      'prepare.py',
      [s3Input('raw', `s3://${bucket}/${PREFIXES.raw}`, `${LOCAL}/input/raw`)],
      [s3Output('train', 'prepare/train'), s3Output('validation', 'prepare/validation'), s3Output('test', 'prepare/test')],
    ),
    CacheConfig: CACHE,
  };

  const channel = (name: string): Json => ({
    ChannelName: name,
    ContentType: 'text/csv',
    CompressionType: 'None',
    DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: processingOutput(STEPS.prepare, name), S3DataDistributionType: 'FullyReplicated' } },
  });
  const train: Step = {
    Name: STEPS.train,
    Type: 'Training',
    Arguments: {
      AlgorithmSpecification: { TrainingImage: props.imageUri, TrainingInputMode: 'File' },
      HyperParameters: {
        objective: 'binary:logistic',
        eval_metric: 'auc',
        max_depth: asString(PARAMETERS.maxDepth),
        num_round: asString(PARAMETERS.numRound),
      },
      RoleArn: props.jobRoleArn,
      InputDataConfig: [channel('train'), channel('validation')],
      OutputDataConfig: { S3OutputPath: runPath(bucket, 'train'), KmsKeyId: keyArn },
      ResourceConfig: {
        InstanceType: get(`Parameters.${PARAMETERS.trainingInstanceType.name}`),
        InstanceCount: 1,
        VolumeSizeInGB: 5,
        VolumeKmsKeyId: keyArn,
      },
      StoppingCondition: { MaxRuntimeInSeconds: JOB_MAX_RUNTIME_SECONDS },
      ...network,
    },
    CacheConfig: CACHE,
  };

  const evaluate: Step = {
    Name: STEPS.evaluate,
    Type: 'Processing',
    Arguments: processing(
      'evaluate.py',
      [s3Input('model', MODEL_ARTIFACTS, `${LOCAL}/input/model`), s3Input('test', processingOutput(STEPS.prepare, 'test'), `${LOCAL}/input/test`)],
      [s3Output(EVALUATION.outputName, 'evaluate')],
    ),
    PropertyFiles: [{ PropertyFileName: EVALUATION.propertyFile, OutputName: EVALUATION.outputName, FilePath: EVALUATION.fileName }],
  };

  const report = join('/', [processingOutput(STEPS.evaluate, EVALUATION.outputName), EVALUATION.fileName]);
  const register: Step = {
    Name: STEPS.register,
    Type: 'RegisterModel',
    Arguments: {
      ModelPackageGroupName: props.modelPackageGroupName,
      ModelPackageDescription: 'Registered by the lab pipeline: test AUC at or above MetricThreshold',
      ModelApprovalStatus: 'PendingManualApproval',
      InferenceSpecification: {
        Containers: [{ Image: props.imageUri, ModelDataUrl: MODEL_ARTIFACTS }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv'],
      },
      ModelMetrics: { ModelQuality: { Statistics: { ContentType: 'application/json', S3Uri: report } } },
      Tags: props.tags.map((t) => ({ Key: t.Key, Value: t.Value })),
    },
  };
  const belowThreshold: Step = {
    Name: STEPS.belowThreshold,
    Type: 'Fail',
    Arguments: {
      ErrorMessage: join(' ', ['Test AUC below MetricThreshold', get(`Parameters.${PARAMETERS.threshold.name}`), ': nothing registered.']),
    },
  };
  const check: Step = {
    Name: STEPS.check,
    Type: 'Condition',
    Arguments: {
      Conditions: [
        {
          Type: 'GreaterThanOrEqualTo',
          LeftValue: { 'Std:JsonGet': { PropertyFile: get(`Steps.${STEPS.evaluate}.PropertyFiles.${EVALUATION.propertyFile}`), Path: EVALUATION.metricPath } },
          RightValue: get(`Parameters.${PARAMETERS.threshold.name}`),
        },
      ],
      IfSteps: [register],
      ElseSteps: [belowThreshold],
    },
  };

  return {
    Version: '2020-12-01',
    Metadata: {},
    Parameters: Object.values(PARAMETERS).map((p) => ({ Name: p.name, Type: p.type, DefaultValue: p.default })),
    Steps: [prepare, train, evaluate, check],
  };
}

/** Every step of the definition, those inside condition steps included. */
export function allSteps(definition: Pick<PipelineDefinition, 'Steps'>): Step[] {
  const out: Step[] = [];
  const visit = (steps: readonly Step[]) => {
    for (const step of steps) {
      out.push(step);
      if (step.Type === 'Condition') {
        const args = step.Arguments as { IfSteps?: Step[]; ElseSteps?: Step[] };
        visit([...(args.IfSteps ?? []), ...(args.ElseSteps ?? [])]);
      }
    }
  };
  visit(definition.Steps);
  return out;
}

const NAME = /^[A-Za-z0-9\-_]{1,64}$/;
const STEP_TYPES = new Set(['Processing', 'Training', 'Condition', 'RegisterModel', 'Fail']);
const PARAMETER_TYPES = new Set(['String', 'Integer', 'Float', 'Boolean']);
const CONDITION_TYPES = new Set(['GreaterThan', 'GreaterThanOrEqualTo', 'LessThan', 'LessThanOrEqualTo', 'Equals', 'NotEquals']);

/**
 * What the pipeline service would refuse, checked offline against the documented schema's rules (names and
 * types of parameters and steps, condition types) and the references between them: every `Get` names a declared
 * parameter, an execution variable, or a property of another step of the definition; every property file a
 * `Std:JsonGet` reads is declared by that step. Returns the problems, none for a valid definition.
 */
export function definitionProblems(definition: PipelineDefinition): string[] {
  const problems: string[] = [];
  const parameters = new Set<string>();
  for (const p of definition.Parameters) {
    if (!NAME.test(p.Name)) problems.push(`parameter name "${p.Name}" does not match ${NAME.source}`);
    if (!PARAMETER_TYPES.has(p.Type)) problems.push(`parameter ${p.Name} has the unknown type ${p.Type}`);
    if (parameters.has(p.Name)) problems.push(`parameter ${p.Name} is declared twice`);
    parameters.add(p.Name);
  }
  const steps = allSteps(definition);
  const names = new Set<string>();
  const propertyFiles = new Map<string, Set<string>>();
  for (const step of steps) {
    if (!NAME.test(step.Name)) problems.push(`step name "${step.Name}" does not match ${NAME.source}`);
    if (!STEP_TYPES.has(step.Type)) problems.push(`step ${step.Name} has the unknown type ${step.Type}`);
    if (names.has(step.Name)) problems.push(`step ${step.Name} is declared twice`);
    names.add(step.Name);
    const files = (step.PropertyFiles as { PropertyFileName: string; OutputName: string }[] | undefined) ?? [];
    propertyFiles.set(step.Name, new Set(files.map((f) => f.PropertyFileName)));
    const outputs = ((step.Arguments.ProcessingOutputConfig as { Outputs?: { OutputName: string }[] } | undefined)?.Outputs ?? []).map((o) => o.OutputName);
    for (const f of files) {
      if (!outputs.includes(f.OutputName)) problems.push(`property file ${f.PropertyFileName} of ${step.Name} names no output of the step`);
    }
    if (step.Type === 'Condition') {
      for (const c of (step.Arguments.Conditions as { Type: string }[] | undefined) ?? []) {
        if (!CONDITION_TYPES.has(c.Type)) problems.push(`condition of ${step.Name} has the unknown type ${c.Type}`);
      }
    }
  }
  for (const step of steps) {
    for (const ref of references(step.Arguments)) {
      const [kind, target, , file] = ref.path.split('.');
      if (kind === 'Parameters') {
        if (!parameters.has(target)) problems.push(`${step.Name} reads the undeclared parameter ${target}`);
      } else if (kind === 'Execution') {
        if (!['PipelineExecutionId', 'PipelineExecutionArn', 'PipelineName', 'StartDateTime', 'CurrentDateTime', 'PipelineArn'].includes(target)) {
          problems.push(`${step.Name} reads the unknown execution variable ${target}`);
        }
      } else if (kind === 'Steps') {
        if (!names.has(target)) problems.push(`${step.Name} reads a property of the unknown step ${target}`);
        else if (target === step.Name) problems.push(`${step.Name} reads its own property`);
        if (ref.propertyFile && !propertyFiles.get(target)?.has(file)) problems.push(`${step.Name} reads the undeclared property file ${file} of ${target}`);
      } else {
        problems.push(`${step.Name} has the reference "${ref.path}", which is no parameter, execution variable or step property`);
      }
    }
  }
  return problems;
}

/** The `Get` paths under a value, noting those that name a property file (`Std:JsonGet`). */
function references(value: unknown, propertyFile = false): { path: string; propertyFile: boolean }[] {
  if (Array.isArray(value)) return value.flatMap((v) => references(v, propertyFile));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if (typeof record.Get === 'string') return [{ path: record.Get, propertyFile }];
  return Object.entries(record).flatMap(([k, v]) => references(v, propertyFile || k === 'PropertyFile'));
}
