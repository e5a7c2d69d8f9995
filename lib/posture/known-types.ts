/**
 * Every resource type the posture knows how to describe, as plain data: for each type, the properties that
 * are security facts (with the category they print under) and the properties that are not (reviewed and left
 * out on purpose). A type missing here, or a property in neither list, is a gap: the posture test fails, so a
 * new service or a new setting cannot enter a lab without someone deciding what the posture shows of it.
 *
 * Paths are dot-separated and see through arrays: `ProductionVariants.ModelName` is the model of every
 * variant. A described path prints its whole value (minus descriptions and tags); a path under a JSON string
 * property (`JobRequest.VpcConfig`) reads the parsed document.
 */

/** The columns a fact prints under, in this order. */
export const CATEGORIES = [
  'encryption',
  'public access',
  'network',
  'access',
  'policy',
  'logging',
  'monitoring',
  'retention',
  'removal',
  'delivery',
  'guardrail',
  'limits',
  'runtime',
] as const;

export type Category = (typeof CATEGORIES)[number];

export interface TypeRule {
  /** Properties that are security facts, with the category each prints under. `policy` ones are policy documents. */
  readonly describe: Readonly<Record<string, Category>>;
  /** Properties reviewed and left out: names, sizes, code, content that grants or protects nothing. */
  readonly ignore?: readonly string[];
  /** Properties whose value is a JSON document in a string (custom resource requests, state machine definitions). */
  readonly json?: readonly string[];
}

/** Left out of every resource, at every depth: they document, they do not protect. */
export const IGNORED_EVERYWHERE = ['Description', 'Tags'] as const;

/** Resource attributes (beside Type and Properties) and how the posture treats them. */
export const RESOURCE_ATTRIBUTES: Readonly<Record<string, Category | 'ignore'>> = {
  DeletionPolicy: 'removal',
  UpdateReplacePolicy: 'removal',
  // Order of creation and deletion, and where the path comes from: not a control in itself.
  DependsOn: 'ignore',
  Metadata: 'ignore',
};

/** The security fields of a training job definition, under `prefix` (a training request, or a tuning job's definition). */
function trainingDefinition(prefix: string): { describe: Record<string, Category>; ignore: string[] } {
  return {
    describe: {
      [`${prefix}RoleArn`]: 'access',
      [`${prefix}VpcConfig`]: 'network',
      [`${prefix}EnableNetworkIsolation`]: 'network',
      [`${prefix}EnableInterContainerTrafficEncryption`]: 'encryption',
      [`${prefix}ResourceConfig.VolumeKmsKeyId`]: 'encryption',
      [`${prefix}OutputDataConfig`]: 'encryption',
      [`${prefix}InputDataConfig.DataSource`]: 'access',
      [`${prefix}StoppingCondition`]: 'limits',
      [`${prefix}AlgorithmSpecification.TrainingImage`]: 'runtime',
    },
    ignore: [
      `${prefix}HyperParameters`,
      `${prefix}StaticHyperParameters`,
      `${prefix}HyperParameterRanges`,
      `${prefix}AlgorithmSpecification.TrainingInputMode`,
      `${prefix}AlgorithmSpecification.MetricDefinitions`,
      `${prefix}InputDataConfig.ChannelName`,
      `${prefix}InputDataConfig.ContentType`,
      `${prefix}InputDataConfig.CompressionType`,
      `${prefix}ResourceConfig.InstanceType`,
      `${prefix}ResourceConfig.InstanceCount`,
      `${prefix}ResourceConfig.VolumeSizeInGB`,
    ],
  };
}

/**
 * A custom resource whose handler starts a SageMaker job (lib/constructs/sagemaker-job.ts): the request is
 * the JSON of the Create call, so its network, keys and role are read from it.
 */
function sageMakerJob(security: { describe: Record<string, Category>; ignore: string[] }): TypeRule {
  return {
    describe: { JobNamePrefix: 'access', ...security.describe },
    // DataFingerprint is a hash of the input data: it changes with the data, not with a control.
    ignore: ['ServiceToken', 'JobKind', 'DataFingerprint', ...security.ignore],
    json: ['JobRequest'],
  };
}

const TRAINING = trainingDefinition('JobRequest.');
const TUNING = trainingDefinition('JobRequest.TrainingJobDefinition.');

const SECURITY_GROUP_RULE: TypeRule = {
  describe: {
    GroupId: 'network',
    IpProtocol: 'network',
    FromPort: 'network',
    ToPort: 'network',
    CidrIp: 'network',
    CidrIpv6: 'network',
    SourceSecurityGroupId: 'network',
    SourcePrefixListId: 'network',
    DestinationSecurityGroupId: 'network',
    DestinationPrefixListId: 'network',
  },
};

const POLICY_TARGETS = { Roles: 'access', Users: 'access', Groups: 'access', PolicyDocument: 'policy' } as const;

export const KNOWN_TYPES: Readonly<Record<string, TypeRule>> = {
  // Lab 08: how far a variant may scale (the bill's upper bound), and with which role.
  'AWS::ApplicationAutoScaling::ScalableTarget': {
    describe: { MinCapacity: 'limits', MaxCapacity: 'limits', RoleARN: 'access', ScheduledActions: 'limits', SuspendedState: 'limits' },
    ignore: ['ResourceId', 'ScalableDimension', 'ServiceNamespace'],
  },
  'AWS::ApplicationAutoScaling::ScalingPolicy': {
    describe: { TargetTrackingScalingPolicyConfiguration: 'limits', StepScalingPolicyConfiguration: 'limits', PredictiveScalingPolicyConfiguration: 'limits' },
    ignore: ['PolicyName', 'PolicyType', 'ScalingTargetId', 'ResourceId', 'ScalableDimension', 'ServiceNamespace'],
  },
  'AWS::Athena::NamedQuery': {
    describe: { WorkGroup: 'access' },
    ignore: ['Database', 'Name', 'QueryString'],
  },
  'AWS::Athena::WorkGroup': {
    describe: {
      'WorkGroupConfiguration.EnforceWorkGroupConfiguration': 'access',
      'WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration': 'encryption',
      'WorkGroupConfiguration.ResultConfiguration.ExpectedBucketOwner': 'access',
      'WorkGroupConfiguration.ResultConfiguration.OutputLocation': 'access',
      'WorkGroupConfiguration.ResultConfiguration.AclConfiguration': 'access',
      'WorkGroupConfiguration.BytesScannedCutoffPerQuery': 'limits',
      'WorkGroupConfiguration.PublishCloudWatchMetricsEnabled': 'monitoring',
      'WorkGroupConfiguration.EngineVersion': 'runtime',
      'WorkGroupConfiguration.RequesterPaysEnabled': 'access',
      RecursiveDeleteOption: 'removal',
    },
    ignore: ['Name', 'State'],
  },
  'AWS::Bedrock::DataSource': {
    describe: {
      KnowledgeBaseId: 'access',
      DataSourceConfiguration: 'access',
      ServerSideEncryptionConfiguration: 'encryption',
      DataDeletionPolicy: 'removal',
      'VectorIngestionConfiguration.CustomTransformationConfiguration': 'access',
      'VectorIngestionConfiguration.ContextEnrichmentConfiguration': 'access',
      'VectorIngestionConfiguration.ParsingConfiguration': 'access',
    },
    // How documents are split: changes retrieval quality, not who can read what.
    ignore: ['Name', 'VectorIngestionConfiguration.ChunkingConfiguration'],
  },
  'AWS::Bedrock::Guardrail': {
    describe: {
      KmsKeyArn: 'encryption',
      ContentPolicyConfig: 'guardrail',
      TopicPolicyConfig: 'guardrail',
      WordPolicyConfig: 'guardrail',
      SensitiveInformationPolicyConfig: 'guardrail',
      ContextualGroundingPolicyConfig: 'guardrail',
      AutomatedReasoningPolicyConfig: 'guardrail',
      CrossRegionConfig: 'network',
    },
    ignore: ['Name', 'BlockedInputMessaging', 'BlockedOutputsMessaging'],
  },
  'AWS::Bedrock::GuardrailVersion': { describe: { GuardrailIdentifier: 'guardrail' } },
  'AWS::Bedrock::KnowledgeBase': {
    describe: {
      RoleArn: 'access',
      StorageConfiguration: 'access',
      'KnowledgeBaseConfiguration.Type': 'access',
      'KnowledgeBaseConfiguration.VectorKnowledgeBaseConfiguration.EmbeddingModelArn': 'access',
      'KnowledgeBaseConfiguration.VectorKnowledgeBaseConfiguration.SupplementalDataStorageConfiguration': 'access',
    },
    ignore: ['Name', 'KnowledgeBaseConfiguration.VectorKnowledgeBaseConfiguration.EmbeddingModelConfiguration'],
  },
  // Written only when analytics reporting is on: the CDK version and construct library, nothing else.
  'AWS::CDK::Metadata': { describe: {}, ignore: ['Analytics'] },
  // Lab 08: graphs of metrics; shows, protects nothing.
  'AWS::CloudWatch::Dashboard': { describe: {}, ignore: ['DashboardName', 'DashboardBody'] },
  'AWS::CloudWatch::Alarm': {
    describe: {
      Namespace: 'monitoring',
      MetricName: 'monitoring',
      Dimensions: 'monitoring',
      Metrics: 'monitoring',
      Statistic: 'monitoring',
      ExtendedStatistic: 'monitoring',
      Period: 'monitoring',
      EvaluationPeriods: 'monitoring',
      DatapointsToAlarm: 'monitoring',
      ComparisonOperator: 'monitoring',
      Threshold: 'monitoring',
      TreatMissingData: 'monitoring',
      ActionsEnabled: 'monitoring',
      AlarmActions: 'monitoring',
      OKActions: 'monitoring',
      InsufficientDataActions: 'monitoring',
    },
    ignore: ['AlarmName', 'AlarmDescription', 'Unit'],
  },
  'AWS::CodePipeline::Pipeline': {
    describe: {
      RoleArn: 'access',
      'ArtifactStore.EncryptionKey': 'encryption',
      'ArtifactStore.Location': 'access',
      'Stages.Actions.RoleArn': 'access',
      'Stages.Actions.ActionTypeId': 'runtime',
      'Stages.Actions.Configuration': 'access',
      PipelineType: 'runtime',
      ExecutionMode: 'runtime',
      Triggers: 'access',
    },
    ignore: [
      'Name',
      'ArtifactStore.Type',
      'RestartExecutionOnUpdate',
      'Variables',
      'Stages.Name',
      'Stages.Actions.Name',
      'Stages.Actions.RunOrder',
      'Stages.Actions.InputArtifacts',
      'Stages.Actions.OutputArtifacts',
    ],
  },
  'AWS::EC2::FlowLog': {
    describe: {
      ResourceId: 'logging',
      ResourceType: 'logging',
      TrafficType: 'logging',
      LogDestinationType: 'logging',
      LogDestination: 'logging',
      LogGroupName: 'logging',
      LogFormat: 'logging',
      MaxAggregationInterval: 'logging',
      DeliverLogsPermissionArn: 'access',
    },
  },
  'AWS::EC2::Route': {
    describe: {
      RouteTableId: 'network',
      DestinationCidrBlock: 'network',
      DestinationIpv6CidrBlock: 'network',
      DestinationPrefixListId: 'network',
      GatewayId: 'network',
      NatGatewayId: 'network',
      TransitGatewayId: 'network',
      VpcEndpointId: 'network',
      VpcPeeringConnectionId: 'network',
      EgressOnlyInternetGatewayId: 'network',
      InstanceId: 'network',
      NetworkInterfaceId: 'network',
    },
  },
  'AWS::EC2::RouteTable': { describe: { VpcId: 'network' } },
  'AWS::EC2::SecurityGroup': {
    describe: { VpcId: 'network', SecurityGroupIngress: 'network', SecurityGroupEgress: 'network' },
    ignore: ['GroupDescription', 'GroupName'],
  },
  'AWS::EC2::SecurityGroupEgress': SECURITY_GROUP_RULE,
  'AWS::EC2::SecurityGroupIngress': SECURITY_GROUP_RULE,
  'AWS::EC2::Subnet': {
    describe: {
      VpcId: 'network',
      CidrBlock: 'network',
      AvailabilityZone: 'network',
      MapPublicIpOnLaunch: 'network',
      AssignIpv6AddressOnCreation: 'network',
    },
  },
  'AWS::EC2::SubnetRouteTableAssociation': { describe: { RouteTableId: 'network', SubnetId: 'network' } },
  'AWS::EC2::VPC': {
    describe: { CidrBlock: 'network', EnableDnsHostnames: 'network', EnableDnsSupport: 'network' },
    ignore: ['InstanceTenancy'],
  },
  'AWS::EC2::VPCEndpoint': {
    describe: {
      VpcId: 'network',
      ServiceName: 'network',
      VpcEndpointType: 'network',
      RouteTableIds: 'network',
      SubnetIds: 'network',
      SecurityGroupIds: 'network',
      PrivateDnsEnabled: 'network',
      PolicyDocument: 'policy',
    },
  },
  'AWS::Events::Rule': {
    describe: {
      EventBusName: 'access',
      EventPattern: 'access',
      ScheduleExpression: 'access',
      RoleArn: 'access',
      'Targets.Arn': 'delivery',
      'Targets.RoleArn': 'access',
      'Targets.DeadLetterConfig': 'delivery',
      'Targets.RetryPolicy': 'delivery',
    },
    // What the target receives, not who may do what.
    ignore: ['Name', 'State', 'Targets.Id', 'Targets.Input', 'Targets.InputPath', 'Targets.InputTransformer'],
  },
  'AWS::Glue::Crawler': {
    describe: {
      Role: 'access',
      CrawlerSecurityConfiguration: 'encryption',
      DatabaseName: 'access',
      Targets: 'access',
      SchemaChangePolicy: 'removal',
      LakeFormationConfiguration: 'access',
    },
    ignore: ['Name', 'Configuration', 'RecrawlPolicy', 'Schedule', 'TablePrefix', 'Classifiers'],
  },
  'AWS::Glue::Database': {
    describe: { 'DatabaseInput.CreateTableDefaultPermissions': 'access', 'DatabaseInput.LocationUri': 'access' },
    ignore: ['CatalogId', 'DatabaseInput.Name'],
  },
  'AWS::Glue::SecurityConfiguration': { describe: { EncryptionConfiguration: 'encryption' }, ignore: ['Name'] },
  'AWS::IAM::ManagedPolicy': { describe: POLICY_TARGETS, ignore: ['ManagedPolicyName', 'Path'] },
  'AWS::IAM::Policy': { describe: POLICY_TARGETS, ignore: ['PolicyName'] },
  'AWS::IAM::Role': {
    describe: {
      AssumeRolePolicyDocument: 'policy',
      'Policies.PolicyDocument': 'policy',
      ManagedPolicyArns: 'access',
      PermissionsBoundary: 'access',
      MaxSessionDuration: 'access',
    },
    ignore: ['RoleName', 'Path', 'Policies.PolicyName'],
  },
  'AWS::KMS::Key': {
    describe: {
      KeyPolicy: 'policy',
      EnableKeyRotation: 'encryption',
      RotationPeriodInDays: 'encryption',
      KeySpec: 'encryption',
      KeyUsage: 'encryption',
      Enabled: 'encryption',
      MultiRegion: 'encryption',
      Origin: 'encryption',
      BypassPolicyLockoutSafetyCheck: 'access',
      PendingWindowInDays: 'removal',
    },
  },
  'AWS::KinesisFirehose::DeliveryStream': {
    describe: {
      DeliveryStreamType: 'access',
      DeliveryStreamEncryptionConfigurationInput: 'encryption',
      'ExtendedS3DestinationConfiguration.BucketARN': 'access',
      'ExtendedS3DestinationConfiguration.RoleARN': 'access',
      'ExtendedS3DestinationConfiguration.Prefix': 'delivery',
      'ExtendedS3DestinationConfiguration.ErrorOutputPrefix': 'delivery',
      'ExtendedS3DestinationConfiguration.CompressionFormat': 'delivery',
      'ExtendedS3DestinationConfiguration.EncryptionConfiguration': 'encryption',
      'ExtendedS3DestinationConfiguration.CloudWatchLoggingOptions': 'logging',
      'ExtendedS3DestinationConfiguration.ProcessingConfiguration': 'delivery',
      'ExtendedS3DestinationConfiguration.BufferingHints': 'limits',
      'ExtendedS3DestinationConfiguration.S3BackupMode': 'delivery',
      'ExtendedS3DestinationConfiguration.S3BackupConfiguration.BucketARN': 'access',
      'ExtendedS3DestinationConfiguration.S3BackupConfiguration.RoleARN': 'access',
      'ExtendedS3DestinationConfiguration.S3BackupConfiguration.Prefix': 'delivery',
      'ExtendedS3DestinationConfiguration.S3BackupConfiguration.ErrorOutputPrefix': 'delivery',
      'ExtendedS3DestinationConfiguration.S3BackupConfiguration.CompressionFormat': 'delivery',
      'ExtendedS3DestinationConfiguration.S3BackupConfiguration.EncryptionConfiguration': 'encryption',
      'ExtendedS3DestinationConfiguration.S3BackupConfiguration.CloudWatchLoggingOptions': 'logging',
      'ExtendedS3DestinationConfiguration.S3BackupConfiguration.BufferingHints': 'limits',
    },
    ignore: ['DeliveryStreamName'],
  },
  'AWS::Lambda::Function': {
    describe: {
      Role: 'access',
      KmsKeyArn: 'encryption',
      VpcConfig: 'network',
      LoggingConfig: 'logging',
      TracingConfig: 'logging',
      DeadLetterConfig: 'delivery',
      ReservedConcurrentExecutions: 'limits',
      Timeout: 'limits',
      Runtime: 'runtime',
    },
    // Code and its settings: the posture is the same whatever the handler does. Environment variables hold
    // resource names for the handler (secrets never go there: the kit has none).
    ignore: ['Code', 'Handler', 'MemorySize', 'Architectures', 'Layers', 'Environment', 'FunctionName', 'EphemeralStorage'],
  },
  'AWS::Lambda::LayerVersion': { describe: {}, ignore: ['Content', 'CompatibleRuntimes', 'LayerName', 'LicenseInfo'] },
  'AWS::Lambda::Permission': {
    describe: {
      FunctionName: 'access',
      Action: 'access',
      Principal: 'access',
      SourceArn: 'access',
      SourceAccount: 'access',
      PrincipalOrgID: 'access',
      EventSourceToken: 'access',
      FunctionUrlAuthType: 'public access',
      InvokedViaFunctionUrl: 'public access',
    },
  },
  'AWS::Logs::LogGroup': {
    describe: {
      LogGroupName: 'logging',
      KmsKeyId: 'encryption',
      RetentionInDays: 'retention',
      DataProtectionPolicy: 'policy',
      LogGroupClass: 'logging',
    },
  },
  'AWS::Logs::LogStream': { describe: { LogGroupName: 'logging' }, ignore: ['LogStreamName'] },
  'AWS::S3::Bucket': {
    describe: {
      BucketEncryption: 'encryption',
      PublicAccessBlockConfiguration: 'public access',
      OwnershipControls: 'public access',
      AccessControl: 'public access',
      WebsiteConfiguration: 'public access',
      CorsConfiguration: 'public access',
      LoggingConfiguration: 'logging',
      NotificationConfiguration: 'monitoring',
      VersioningConfiguration: 'retention',
      LifecycleConfiguration: 'retention',
      ObjectLockEnabled: 'retention',
      ObjectLockConfiguration: 'retention',
      ReplicationConfiguration: 'access',
    },
    ignore: ['BucketName'],
  },
  'AWS::S3::BucketPolicy': { describe: { Bucket: 'access', PolicyDocument: 'policy' } },
  // The shape of the vectors is in because a knowledge base needs Bedrock's text and metadata keys non-filterable.
  'AWS::S3Vectors::Index': {
    describe: {
      VectorBucketArn: 'access',
      VectorBucketName: 'access',
      EncryptionConfiguration: 'encryption',
      DataType: 'runtime',
      Dimension: 'runtime',
      DistanceMetric: 'runtime',
      MetadataConfiguration: 'runtime',
    },
    ignore: ['IndexName'],
  },
  'AWS::S3Vectors::VectorBucket': { describe: { EncryptionConfiguration: 'encryption' }, ignore: ['VectorBucketName'] },
  'AWS::S3Vectors::VectorBucketPolicy': { describe: { VectorBucketArn: 'access', VectorBucketName: 'access', Policy: 'policy' } },
  'AWS::SNS::Subscription': {
    describe: { TopicArn: 'delivery', Protocol: 'delivery', Endpoint: 'delivery', RedrivePolicy: 'delivery', FilterPolicy: 'delivery' },
  },
  'AWS::SNS::Topic': {
    describe: {
      KmsMasterKeyId: 'encryption',
      SignatureVersion: 'encryption',
      Subscription: 'delivery',
      DeliveryStatusLogging: 'logging',
      ArchivePolicy: 'retention',
      DataProtectionPolicy: 'policy',
    },
    ignore: ['TopicName', 'DisplayName', 'FifoTopic', 'ContentBasedDeduplication'],
  },
  'AWS::SNS::TopicPolicy': { describe: { Topics: 'access', PolicyDocument: 'policy' } },
  'AWS::SQS::Queue': {
    describe: {
      KmsMasterKeyId: 'encryption',
      SqsManagedSseEnabled: 'encryption',
      KmsDataKeyReusePeriodSeconds: 'encryption',
      MessageRetentionPeriod: 'retention',
      RedrivePolicy: 'delivery',
      RedriveAllowPolicy: 'delivery',
    },
    ignore: [
      'QueueName',
      'VisibilityTimeout',
      'DelaySeconds',
      'ReceiveMessageWaitTimeSeconds',
      'MaximumMessageSize',
      'FifoQueue',
      'ContentBasedDeduplication',
    ],
  },
  'AWS::SQS::QueuePolicy': { describe: { Queues: 'access', PolicyDocument: 'policy' } },
  'AWS::SageMaker::ModelPackageGroup': {
    describe: { ModelPackageGroupPolicy: 'policy' },
    ignore: ['ModelPackageGroupName', 'ModelPackageGroupDescription'],
  },
  'AWS::SageMaker::Pipeline': sageMakerPipeline(),
  'AWS::SageMaker::Endpoint': {
    // DeploymentConfig: how an update rolls out and which alarms roll it back (lab 08).
    describe: { EndpointConfigName: 'access', DeploymentConfig: 'guardrail' },
    ignore: ['EndpointName', 'RetainAllVariantProperties', 'ExcludeRetainedVariantProperties', 'RetainDeploymentConfig'],
  },
  'AWS::SageMaker::EndpointConfig': {
    describe: {
      KmsKeyId: 'encryption',
      'DataCaptureConfig.KmsKeyId': 'encryption',
      'DataCaptureConfig.DestinationS3Uri': 'logging',
      'DataCaptureConfig.EnableCapture': 'logging',
      'DataCaptureConfig.CaptureOptions': 'logging',
      'DataCaptureConfig.InitialSamplingPercentage': 'logging',
      'ProductionVariants.ModelName': 'access',
      'ProductionVariants.ServerlessConfig': 'network',
      'ProductionVariants.InstanceType': 'runtime',
      'ShadowProductionVariants.ModelName': 'access',
      'ShadowProductionVariants.InstanceType': 'runtime',
    },
    ignore: [
      'EndpointConfigName',
      'DataCaptureConfig.CaptureContentTypeHeader',
      'ProductionVariants.VariantName',
      'ProductionVariants.InitialInstanceCount',
      'ProductionVariants.InitialVariantWeight',
      'ShadowProductionVariants.VariantName',
      'ShadowProductionVariants.InitialInstanceCount',
      'ShadowProductionVariants.InitialVariantWeight',
    ],
  },
  'AWS::SageMaker::Model': {
    describe: {
      ExecutionRoleArn: 'access',
      EnableNetworkIsolation: 'network',
      VpcConfig: 'network',
      'PrimaryContainer.Image': 'runtime',
      'PrimaryContainer.ImageConfig': 'network',
      'PrimaryContainer.ModelDataUrl': 'access',
      'PrimaryContainer.ModelDataSource': 'access',
      'Containers.Image': 'runtime',
      'Containers.ImageConfig': 'network',
      'Containers.ModelDataUrl': 'access',
      'Containers.ModelDataSource': 'access',
    },
    ignore: [
      'ModelName',
      'InferenceExecutionConfig',
      'PrimaryContainer.Environment',
      'PrimaryContainer.Mode',
      'PrimaryContainer.ContainerHostname',
      'Containers.Environment',
      'Containers.Mode',
      'Containers.ContainerHostname',
    ],
  },
  'AWS::StepFunctions::StateMachine': {
    describe: {
      RoleArn: 'access',
      LoggingConfiguration: 'logging',
      TracingConfiguration: 'logging',
      EncryptionConfiguration: 'encryption',
      StateMachineType: 'runtime',
      'DefinitionString.TimeoutSeconds': 'limits',
    },
    // The workflow's steps: what it may call is its role's policy, which the posture shows.
    ignore: [
      'StateMachineName',
      'DefinitionSubstitutions',
      'DefinitionString.StartAt',
      'DefinitionString.States',
      'DefinitionString.Comment',
      'DefinitionString.QueryLanguage',
    ],
    json: ['DefinitionString'],
  },
  'Custom::CDKBucketDeployment': {
    describe: {
      DestinationBucketName: 'access',
      DestinationBucketKeyPrefix: 'access',
      Prune: 'removal',
      RetainOnDelete: 'removal',
      ServerSideEncryption: 'encryption',
      SSEKMSKeyId: 'encryption',
    },
    // Asset buckets and keys: hashes of the content.
    ignore: ['ServiceToken', 'SourceBucketNames', 'SourceObjectKeys', 'OutputObjectKeys', 'WaitForDistributionInvalidation', 'SourceMarkers'],
  },
  'Custom::GlueCrawlerRun': {
    describe: { CrawlerName: 'access', TimeoutSeconds: 'limits' },
    ignore: ['ServiceToken', 'SourceVersion'],
  },
  'Custom::KnowledgeBaseIngestion': {
    describe: { KnowledgeBaseId: 'access', DataSourceId: 'access', TimeoutSeconds: 'limits' },
    ignore: ['ServiceToken', 'CorpusVersion'],
  },
  'Custom::MlopsRunTimeCleanup': {
    describe: { PipelineName: 'removal', DeliveryPipelineName: 'removal', ModelPackageGroupName: 'removal', ResourcePrefix: 'removal', Endpoints: 'removal' },
    ignore: ['ServiceToken'],
  },
  'Custom::S3AutoDeleteObjects': { describe: { BucketName: 'removal' }, ignore: ['ServiceToken'] },
  'Custom::S3PrefixList': { describe: { PrefixListName: 'network' }, ignore: ['ServiceToken'] },
  'Custom::SageMakerEniCleanup': { describe: { VpcId: 'network', SecurityGroupId: 'network' }, ignore: ['ServiceToken'] },
  'Custom::SageMakerTrainingJob': sageMakerJob(TRAINING),
  'Custom::SageMakerTuningJob': sageMakerJob({
    describe: { ...TUNING.describe, 'JobRequest.HyperParameterTuningJobConfig.ResourceLimits': 'limits' },
    ignore: [
      ...TUNING.ignore,
      'JobRequest.HyperParameterTuningJobConfig.Strategy',
      'JobRequest.HyperParameterTuningJobConfig.HyperParameterTuningJobObjective',
      'JobRequest.HyperParameterTuningJobConfig.ParameterRanges',
      'JobRequest.HyperParameterTuningJobConfig.TrainingJobEarlyStoppingType',
    ],
  }),
  // The job's network (VPC, isolation) is its model's, which the posture shows with the model.
  'Custom::SageMakerTransformJob': sageMakerJob({
    describe: {
      'JobRequest.ModelName': 'access',
      'JobRequest.TransformInput.DataSource': 'access',
      'JobRequest.TransformOutput.S3OutputPath': 'access',
      'JobRequest.TransformOutput.KmsKeyId': 'encryption',
      'JobRequest.TransformResources.VolumeKmsKeyId': 'encryption',
    },
    ignore: [
      'JobRequest.TransformInput.ContentType',
      'JobRequest.TransformInput.SplitType',
      'JobRequest.TransformInput.CompressionType',
      'JobRequest.TransformOutput.Accept',
      'JobRequest.TransformOutput.AssembleWith',
      'JobRequest.TransformResources.InstanceType',
      'JobRequest.TransformResources.InstanceCount',
      'JobRequest.DataProcessing',
      'JobRequest.BatchStrategy',
      'JobRequest.MaxPayloadInMB',
      'JobRequest.MaxConcurrentTransforms',
      'JobRequest.Environment',
    ],
  }),
  'Custom::VpcRestrictDefaultSG': { describe: { DefaultSecurityGroupId: 'network' }, ignore: ['ServiceToken', 'Account'] },
};

/**
 * Lab 07's SageMaker pipeline: its role, and the security fields of every job request and registration in its
 * definition (a JSON document in PipelineDefinitionBody), steps inside a condition's branches included.
 */
function sageMakerPipeline(): TypeRule {
  const body = 'PipelineDefinition.PipelineDefinitionBody.';
  const step = (prefix: string): { describe: Record<string, Category>; ignore: string[] } => {
    const a = `${prefix}Arguments.`;
    return {
      describe: {
        [`${a}RoleArn`]: 'access',
        [`${a}NetworkConfig`]: 'network',
        [`${a}VpcConfig`]: 'network',
        [`${a}EnableNetworkIsolation`]: 'network',
        [`${a}EnableInterContainerTrafficEncryption`]: 'encryption',
        [`${a}ProcessingResources.ClusterConfig.VolumeKmsKeyId`]: 'encryption',
        [`${a}ProcessingOutputConfig.KmsKeyId`]: 'encryption',
        [`${a}ResourceConfig.VolumeKmsKeyId`]: 'encryption',
        [`${a}OutputDataConfig.KmsKeyId`]: 'encryption',
        [`${a}StoppingCondition`]: 'limits',
        [`${a}ModelPackageGroupName`]: 'access',
        [`${a}ModelApprovalStatus`]: 'guardrail',
      },
      ignore: [
        `${prefix}Name`,
        `${prefix}Type`,
        `${prefix}CacheConfig`,
        `${prefix}PropertyFiles`,
        `${a}ProcessingResources.ClusterConfig.InstanceType`,
        `${a}ProcessingResources.ClusterConfig.InstanceCount`,
        `${a}ProcessingResources.ClusterConfig.VolumeSizeInGB`,
        `${a}AppSpecification`,
        `${a}ProcessingInputs`,
        `${a}ProcessingOutputConfig.Outputs`,
        `${a}AlgorithmSpecification`,
        `${a}HyperParameters`,
        `${a}InputDataConfig`,
        `${a}OutputDataConfig.S3OutputPath`,
        `${a}ResourceConfig.InstanceType`,
        `${a}ResourceConfig.InstanceCount`,
        `${a}ResourceConfig.VolumeSizeInGB`,
        `${a}Conditions`,
        `${a}ModelPackageDescription`,
        `${a}InferenceSpecification`,
        `${a}ModelMetrics`,
        `${a}ErrorMessage`,
      ],
    };
  };
  const top = step(`${body}Steps.`);
  const ifSteps = step(`${body}Steps.Arguments.IfSteps.`);
  const elseSteps = step(`${body}Steps.Arguments.ElseSteps.`);
  return {
    describe: { RoleArn: 'access', ParallelismConfiguration: 'limits', ...top.describe, ...ifSteps.describe, ...elseSteps.describe },
    ignore: [
      'PipelineName',
      'PipelineDisplayName',
      'PipelineDescription',
      `${body}Version`,
      `${body}Metadata`,
      `${body}Parameters`,
      ...top.ignore,
      ...ifSteps.ignore,
      ...elseSteps.ignore,
    ],
    json: ['PipelineDefinition.PipelineDefinitionBody'],
  };
}
