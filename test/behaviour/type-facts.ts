/**
 * What each CloudFormation resource type does when it is created, while it exists, and when it is deleted,
 * as plain data: the behaviour checks (destroy-order.ts, create-order.ts, the learner-copy test) read it,
 * so a type they have never heard of fails the suite instead of passing silently (typeFacts() below).
 *
 * Every entry is reviewed. A fact that a reader could not guess from the type's name cites its source in
 * `sources` (an AWS documentation page or a public issue); obvious facts (a Ref orders create and delete,
 * a role's policy is what a role may do) cite nothing.
 *
 * Paths name template properties: dot-separated, seeing through arrays and through JSON documents in
 * strings (a custom resource's `JobRequest`). `A>B` follows what property A refers to and reads property B
 * there: `EndpointConfigName>ProductionVariants.ModelName>ExecutionRoleArn` is the role of the model an
 * endpoint serves. A path to a role may also name a resource that acts for this one (a custom resource's
 * `ServiceToken` names its handler function): its roles count, and the roles of what it invokes.
 */

/** A property that holds a bucket location (S3 URI, bucket ARN or name), optionally with key prefixes elsewhere. */
export type Location = string | { readonly at: string; readonly prefixes: string };

/** A fact that holds only when a property has a value (or is present, without `equals`). */
export interface When {
  readonly path: string;
  readonly equals?: string;
}

/** What a resource uses or does in one phase of its life. */
export interface Phase {
  /** Roles it acts as (their policies must be attached while it acts). */
  readonly as?: readonly string[];
  /** Buckets (and prefixes) whose objects it reads. */
  readonly reads?: readonly Location[];
  /** Buckets (and prefixes) it writes objects into with a role of its own. */
  readonly writes?: readonly Location[];
  /** KMS keys it encrypts or decrypts with. */
  readonly keys?: readonly string[];
  /** Subnets it puts network interfaces in. */
  readonly subnets?: readonly string[];
  /** The facts above apply only when this holds. */
  readonly when?: When;
}

export interface TypeFacts {
  /** One line a reviewer reads: what the type is and does. */
  readonly summary: string;
  /** What CloudFormation's create (and update) of it uses and does. */
  readonly create?: Phase;
  /** What it does while it exists, after create, until its deletion ends. */
  readonly runs?: Phase & {
    /**
     * Buckets it writes into as a service whose only permission is the target bucket's policy (S3 server
     * access logging): that policy must outlive the emptying's Deny.
     */
    readonly deliversTo?: readonly string[];
    /** Functions and state machines it invokes: their roles act for it. */
    readonly invokes?: readonly string[];
  };
  /** What its deletion uses and does. */
  readonly delete?: Phase & {
    /** Its deletion leaves network interfaces that the service removes later, asynchronously. */
    readonly leavesNetworkInterfaces?: boolean | When;
    /** It empties the bucket at this property (every object version) on delete. */
    readonly empties?: string;
    /** On delete it removes the network interfaces left in the security group at this property. */
    readonly cleansNetworkInterfaces?: string;
    /** Its deletion fails while something is left inside it (objects, indexes, network interfaces). */
    readonly mustBeEmpty?: string;
    /** Once its deletion starts, it can no longer be used (a KMS key pending deletion). */
    readonly unusableOnceDeleted?: boolean;
  };
  /**
   * Properties that hold a name the service keeps unique in the account and Region (or globally): two
   * copies of a lab in one account must differ in each.
   */
  readonly uniqueNames?: readonly string[];
  /**
   * It acts only for whoever invokes it (a Lambda function): its roles count for its invokers (a state
   * machine, a delivery stream, an alarm, a custom resource), not on their own.
   */
  readonly invokedOnly?: boolean;
  /** It attaches permissions to the roles at this property (an IAM policy). */
  readonly attachesTo?: string;
  /** It routes traffic of the subnets at this property (or of every subnet of the VPC at `vpc`) to a service. */
  readonly network?: { readonly vpc?: string; readonly subnet?: string };
  /** Where the non-obvious facts above come from. */
  readonly sources?: readonly string[];
}

const CFN_CUSTOM_RESOURCE = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-customresource.html';
const CDK_PROVIDER = 'https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.custom_resources-readme.html';
const SAGEMAKER_ENIS = 'https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/1327';
const SAGEMAKER_VPC_DATA =
  'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/sagemaker/aws.sdk.kotlin.services.sagemaker.model/-describe-training-job-response/enable-network-isolation.html';
const S3_DELETE_BUCKET = 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html';

/** A SageMaker job run by this kit's custom resource (lib/constructs/sagemaker-job.ts, lambda/sagemaker-job/). */
function sageMakerJob(kind: string, definition: string, extra: { reads?: string[]; writes?: string[]; as?: string[]; subnets?: string[] }): TypeFacts {
  const d = definition;
  return {
    summary: `A SageMaker ${kind} job started by this kit's handler during deploy; deploy waits for it; destroy stops it if it still runs, then deletes its records and log streams`,
    create: {
      as: ['ServiceToken', ...(extra.as ?? [`JobRequest.${d}RoleArn`])],
      reads: extra.reads,
      writes: extra.writes,
      keys: [`JobRequest.${d}ResourceConfig.VolumeKmsKeyId`, `JobRequest.${d}OutputDataConfig.KmsKeyId`, 'JobRequest.TransformOutput.KmsKeyId', 'JobRequest.TransformResources.VolumeKmsKeyId'],
      subnets: extra.subnets ?? [`JobRequest.${d}VpcConfig.Subnets`],
    },
    delete: {
      // A job still running when the stack goes (a failed or cancelled deploy) writes until it has stopped.
      as: ['ServiceToken', ...(extra.as ?? [`JobRequest.${d}RoleArn`])],
      writes: extra.writes,
      leavesNetworkInterfaces: true,
    },
    // Job names are unique per account and Region; the handler names jobs `<JobNamePrefix>-<hash>`.
    uniqueNames: ['JobNamePrefix'],
    sources: [SAGEMAKER_VPC_DATA, SAGEMAKER_ENIS, CFN_CUSTOM_RESOURCE],
  };
}

const TRAINING_DEFINITION = 'TrainingJobDefinition.';

/** Every resource type a lab synthesizes, by CloudFormation type name. */
export const TYPE_FACTS: Readonly<Record<string, TypeFacts>> = {
  'AWS::ApplicationAutoScaling::ScalableTarget': {
    summary:
      'Registers an endpoint variant with Application Auto Scaling, which changes its instance count as its service-linked role (created on first registration, shared by the account, not deleted with the stack); deleting the endpoint first deregisters it as well',
    sources: [
      'https://docs.aws.amazon.com/autoscaling/application/userguide/services-that-can-integrate-sagemaker.html',
      'https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-delete-with-scaling.html',
    ],
  },
  'AWS::ApplicationAutoScaling::ScalingPolicy': {
    summary: 'A target tracking policy; Application Auto Scaling creates its CloudWatch alarms and deletes them with it',
    sources: ['https://docs.aws.amazon.com/autoscaling/application/userguide/delete-target-tracking-policy.html'],
  },
  'AWS::Athena::NamedQuery': { summary: 'A saved query in a workgroup; stores text, runs nothing' },
  'AWS::Athena::WorkGroup': {
    summary: 'Where learners run queries; Athena writes every result to the output location with the caller\'s permissions',
    runs: { writes: ['WorkGroupConfiguration.ResultConfiguration.OutputLocation'], keys: ['WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration.KmsKey'] },
    // RecursiveDeleteOption deletes the workgroup with its named queries and query history.
    delete: {},
    uniqueNames: ['Name'],
    sources: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-athena-workgroup.html'],
  },
  'AWS::Bedrock::DataSource': {
    summary: 'An S3 data source of a knowledge base; ingestion jobs read its prefixes',
    create: { keys: ['ServerSideEncryptionConfiguration.KmsKeyArn'] },
    runs: { as: ['KnowledgeBaseId'], reads: [{ at: 'DataSourceConfiguration.S3Configuration.BucketArn', prefixes: 'DataSourceConfiguration.S3Configuration.InclusionPrefixes' }] },
    delete: {
      // With DataDeletionPolicy DELETE, deletion removes the source's vectors from the vector store as the
      // knowledge base's role, going by the source's S3 objects: when they are gone first, the deletion
      // ends in DELETE_UNSUCCESSFUL and the knowledge base cannot be deleted either.
      when: { path: 'DataDeletionPolicy', equals: 'DELETE' },
      as: ['KnowledgeBaseId'],
      reads: [{ at: 'DataSourceConfiguration.S3Configuration.BucketArn', prefixes: 'DataSourceConfiguration.S3Configuration.InclusionPrefixes' }],
      keys: ['ServerSideEncryptionConfiguration.KmsKeyArn', 'KnowledgeBaseId>StorageConfiguration.S3VectorsConfiguration.IndexArn>EncryptionConfiguration.KmsKeyArn'],
    },
    sources: [
      'https://docs.aws.amazon.com/bedrock/latest/userguide/kb-ds-delete.html',
      'https://github.com/apache/airflow/pull/40032',
      'https://github.com/ekristen/aws-nuke/issues/431',
    ],
  },
  'AWS::Bedrock::Guardrail': { summary: 'A guardrail definition (policies), encrypted with its key', create: { keys: ['KmsKeyArn'] }, uniqueNames: ['Name'] },
  'AWS::Bedrock::GuardrailVersion': { summary: 'An immutable snapshot of the guardrail, made when the resource is created or replaced' },
  'AWS::Bedrock::KnowledgeBase': {
    summary: 'A vector knowledge base; Bedrock acts as its role to embed, store and query vectors',
    create: { as: ['RoleArn'] },
    runs: { as: ['RoleArn'] },
    uniqueNames: ['Name'],
    // CreateKnowledgeBase checks the service role it is given (kb-permissions.html lists what it needs).
    sources: ['https://docs.aws.amazon.com/bedrock/latest/userguide/kb-permissions.html'],
  },
  'AWS::CDK::Metadata': { summary: 'CDK version analytics; does nothing in the account' },
  'AWS::CodePipeline::Pipeline': {
    summary: 'A CodePipeline pipeline; executions act as its role (which assumes each action\'s role for that action), read and write artifacts in its artifact store with its key, and invoke the functions its actions name',
    runs: {
      as: ['RoleArn'],
      reads: ['ArtifactStore.Location'],
      writes: ['ArtifactStore.Location'],
      keys: ['ArtifactStore.EncryptionKey.Id'],
      invokes: ['Stages.Actions.Configuration.FunctionName'],
    },
    uniqueNames: ['Name'],
    sources: ['https://docs.aws.amazon.com/codepipeline/latest/userguide/welcome-introducing-artifacts.html'],
  },
  'AWS::CloudWatch::Dashboard': { summary: 'Graphs of metrics; reads nothing itself (the console reads the metrics as the viewer)', uniqueNames: ['DashboardName'] },
  'AWS::CloudWatch::Alarm': { summary: 'An alarm; on state change it invokes its actions (an SNS topic, a Lambda function)', runs: { invokes: ['AlarmActions'] } },
  'AWS::EC2::FlowLog': {
    summary: 'VPC flow logs; the service writes them to the log group as the delivery role',
    runs: { as: ['DeliverLogsPermissionArn'] },
  },
  'AWS::EC2::RouteTable': { summary: 'Routes of a subnet' },
  'AWS::EC2::SecurityGroup': {
    summary: 'A security group; it cannot be deleted while a network interface uses it',
    delete: { mustBeEmpty: 'network interfaces' },
    sources: [SAGEMAKER_ENIS],
  },
  'AWS::EC2::SecurityGroupEgress': { summary: 'One outbound rule of a security group' },
  'AWS::EC2::SecurityGroupIngress': { summary: 'One inbound rule of a security group' },
  'AWS::EC2::Subnet': {
    summary: 'A subnet; it cannot be deleted while a network interface is in it',
    delete: { mustBeEmpty: 'network interfaces' },
    sources: [SAGEMAKER_ENIS],
  },
  'AWS::EC2::SubnetRouteTableAssociation': { summary: 'Gives a subnet its route table (and so its routes to gateway endpoints)', network: { subnet: 'SubnetId' } },
  'AWS::EC2::VPC': { summary: 'A VPC' },
  'AWS::EC2::VPCEndpoint': {
    summary: 'A private route from the VPC to a service (S3 gateway, interface endpoints); without it a VPC with no internet reaches nothing',
    network: { vpc: 'VpcId' },
    sources: [SAGEMAKER_VPC_DATA, 'https://docs.aws.amazon.com/sagemaker/latest/dg/host-vpc.html'],
  },
  'AWS::IAM::ManagedPolicy': { summary: 'Permissions attached to roles; grants, runs nothing', attachesTo: 'Roles' },
  'AWS::IAM::Policy': { summary: 'Permissions attached to roles; grants, runs nothing', attachesTo: 'Roles' },
  'AWS::IAM::Role': { summary: 'A role; services act as it only while it and its policies exist' },
  'AWS::KMS::Key': {
    summary: 'The lab key; delete schedules its deletion, and a key pending deletion cannot be used in any cryptographic operation',
    delete: { unusableOnceDeleted: true },
    sources: ['https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html'],
  },
  'AWS::KinesisFirehose::DeliveryStream': {
    summary: 'A delivery stream; Firehose acts as its role to invoke the transform and write the buffered records into the bucket',
    create: { as: ['ExtendedS3DestinationConfiguration.RoleARN'], keys: ['DeliveryStreamEncryptionConfigurationInput.KeyARN'] },
    runs: {
      as: ['ExtendedS3DestinationConfiguration.RoleARN'],
      writes: ['ExtendedS3DestinationConfiguration.BucketARN', 'ExtendedS3DestinationConfiguration.S3BackupConfiguration.BucketARN'],
      keys: ['ExtendedS3DestinationConfiguration.EncryptionConfiguration.KMSEncryptionConfig.AWSKMSKeyARN'],
      invokes: ['ExtendedS3DestinationConfiguration.ProcessingConfiguration.Processors.Parameters.ParameterValue'],
    },
    uniqueNames: ['DeliveryStreamName'],
  },
  'AWS::Lambda::Function': {
    summary: 'A function; it acts as its role when invoked, and calls what its environment names (the CDK provider framework names the handlers it invokes there)',
    create: { keys: ['KmsKeyArn'], subnets: ['VpcConfig.SubnetIds'] },
    runs: { as: ['Role'], invokes: ['Environment.Variables'] },
    invokedOnly: true,
    delete: { leavesNetworkInterfaces: { path: 'VpcConfig.SubnetIds' } },
    uniqueNames: ['FunctionName'],
    sources: [CDK_PROVIDER, 'https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/392'],
  },
  'AWS::Lambda::LayerVersion': { summary: 'Code shared by functions (the AWS CLI layer of BucketDeployment)' },
  'AWS::Lambda::Permission': { summary: 'Lets a service invoke a function; grants, runs nothing' },
  'AWS::Logs::LogGroup': { summary: 'A log group, encrypted with its key', create: { keys: ['KmsKeyId'] }, runs: { keys: ['KmsKeyId'] }, uniqueNames: ['LogGroupName'] },
  'AWS::Logs::LogStream': { summary: 'A stream in a log group (Firehose error logging)' },
  'AWS::S3::Bucket': {
    summary: 'A bucket; S3 server access logging delivers its logs to the log bucket as the logging service; deletion fails while any object version is left',
    create: { keys: ['BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.KMSMasterKeyID'] },
    runs: { deliversTo: ['LoggingConfiguration.DestinationBucketName'] },
    delete: { mustBeEmpty: 'object versions' },
    uniqueNames: ['BucketName'],
    sources: [S3_DELETE_BUCKET, 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html'],
  },
  'AWS::S3::BucketPolicy': { summary: 'A bucket policy; while the emptying runs it holds the emptying handler\'s Deny s3:PutObject' },
  'AWS::S3Vectors::Index': { summary: 'A vector index, SSE-KMS with its key', create: { keys: ['EncryptionConfiguration.KmsKeyArn'] } },
  'AWS::S3Vectors::VectorBucket': {
    summary: 'A vector bucket; deletion fails while it has an index',
    create: { keys: ['EncryptionConfiguration.KmsKeyArn'] },
    delete: { mustBeEmpty: 'vector indexes' },
    uniqueNames: ['VectorBucketName'],
    sources: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-vectors-buckets-delete.html'],
  },
  'AWS::SNS::Topic': { summary: 'A topic, encrypted with its key', create: { keys: ['KmsMasterKeyId'] }, uniqueNames: ['TopicName'] },
  'AWS::SNS::TopicPolicy': { summary: 'Who may publish to a topic; grants, runs nothing' },
  'AWS::SQS::Queue': { summary: 'A queue, encrypted with its key', create: { keys: ['KmsMasterKeyId'] }, uniqueNames: ['QueueName'] },
  'AWS::SQS::QueuePolicy': { summary: 'Who may send to a queue; grants, runs nothing' },
  'AWS::SageMaker::ModelPackageGroup': {
    summary: 'A model registry group; the versions a pipeline registers in it at run time are not CloudFormation resources (lab 07 deletes them on destroy)',
    uniqueNames: ['ModelPackageGroupName'],
  },
  'AWS::SageMaker::Pipeline': {
    summary: 'A SageMaker pipeline; its executions act as its role to start the jobs its definition names; it cannot be deleted while an execution runs',
    runs: { as: ['RoleArn'] },
    delete: { mustBeEmpty: 'running executions' },
    uniqueNames: ['PipelineName'],
    sources: ['https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeletePipeline.html'],
  },
  'AWS::SageMaker::Endpoint': {
    summary: 'A real-time endpoint: create pulls the model\'s artifact as the model\'s role into instances in its subnets; it captures requests to S3; its network interfaces outlive its deletion',
    create: {
      as: ['EndpointConfigName>ProductionVariants.ModelName>ExecutionRoleArn'],
      reads: ['EndpointConfigName>ProductionVariants.ModelName>PrimaryContainer.ModelDataUrl'],
      keys: ['EndpointConfigName>KmsKeyId'],
      subnets: ['EndpointConfigName>ProductionVariants.ModelName>VpcConfig.Subnets'],
    },
    runs: {
      as: ['EndpointConfigName>ProductionVariants.ModelName>ExecutionRoleArn'],
      writes: ['EndpointConfigName>DataCaptureConfig.DestinationS3Uri'],
      keys: ['EndpointConfigName>DataCaptureConfig.KmsKeyId'],
    },
    delete: { leavesNetworkInterfaces: true },
    uniqueNames: ['EndpointName'],
    sources: [SAGEMAKER_ENIS, 'https://docs.aws.amazon.com/sagemaker/latest/dg/host-vpc.html'],
  },
  'AWS::SageMaker::EndpointConfig': { summary: 'Settings of an endpoint; runs nothing itself', uniqueNames: ['EndpointConfigName'] },
  'AWS::SageMaker::Model': { summary: 'A model record (image, artifact, role, VPC); endpoints and transform jobs run it', uniqueNames: ['ModelName'] },
  'AWS::StepFunctions::StateMachine': {
    summary: 'A state machine; executions act as its role and invoke the functions its definition names',
    runs: { as: ['RoleArn'], invokes: ['DefinitionString'] },
    uniqueNames: ['StateMachineName'],
  },
  'AWS::Events::Rule': { summary: 'An EventBridge rule; it starts its targets as the target role', runs: { as: ['Targets.RoleArn'], invokes: ['Targets.Arn'] }, uniqueNames: ['Name'] },
  'AWS::Glue::Crawler': {
    summary: 'A crawler; when run it acts as its role to read its S3 targets and write tables',
    runs: { as: ['Role'], reads: ['Targets.S3Targets.Path'] },
    uniqueNames: ['Name'],
  },
  'AWS::Glue::Database': { summary: 'A Data Catalog database; deleting it deletes its tables', uniqueNames: ['DatabaseInput.Name'] },
  'AWS::Glue::SecurityConfiguration': { summary: 'Encryption settings of a crawler (logs, S3, bookmarks)', uniqueNames: ['Name'] },
  'Custom::CDKBucketDeployment': {
    summary: 'CDK BucketDeployment: uploads files into the destination prefix on create and update; with RetainOnDelete (its default) it deletes nothing on delete',
    create: { as: ['ServiceToken'], writes: [{ at: 'DestinationBucketName', prefixes: 'DestinationBucketKeyPrefix' }] },
    delete: { when: { path: 'RetainOnDelete', equals: 'false' }, as: ['ServiceToken'] },
    sources: ['https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_s3_deployment-readme.html'],
  },
  'Custom::GlueCrawlerRun': {
    summary: "This kit's crawl during deploy (lambda/crawler-run/): starts the crawler, which reads its targets as the crawler's role; delete stops a running crawl",
    create: { as: ['ServiceToken', 'CrawlerName>Role'], reads: ['CrawlerName>Targets.S3Targets.Path'] },
    delete: { as: ['ServiceToken'] },
  },
  'Custom::KnowledgeBaseIngestion': {
    summary: "This kit's ingestion during deploy (lambda/kb-ingestion/): Bedrock reads the data source's prefixes and writes vectors as the knowledge base's role; delete stops a running job",
    create: {
      as: ['ServiceToken', 'KnowledgeBaseId>RoleArn'],
      reads: [{ at: 'DataSourceId>DataSourceConfiguration.S3Configuration.BucketArn', prefixes: 'DataSourceId>DataSourceConfiguration.S3Configuration.InclusionPrefixes' }],
      keys: ['DataSourceId>ServerSideEncryptionConfiguration.KmsKeyArn'],
    },
    delete: { as: ['ServiceToken'] },
    sources: ['https://docs.aws.amazon.com/bedrock/latest/userguide/kb-permissions.html'],
  },
  'Custom::MlopsRunTimeCleanup': {
    summary: "Lab 07's clean-up (lambda/mlops-pipeline/cleanup.ts): on delete, stops executions and deletes the endpoints, endpoint configurations, models, model package versions and jobs the pipelines created at run time",
    delete: { as: ['ServiceToken'] },
    sources: ['https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeleteEndpointConfig.html', 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeletePipeline.html'],
  },
  'Custom::S3AutoDeleteObjects': {
    summary: 'CDK autoDeleteObjects: on delete, adds a Deny s3:PutObject to the bucket policy and deletes every object version',
    delete: { as: ['ServiceToken'], empties: 'BucketName' },
    sources: ['https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_s3.Bucket.html#autodeleteobjects'],
  },
  'Custom::S3PrefixList': { summary: "This kit's look-up of the S3 managed prefix list id (lambda/s3-prefix-list/); reads, writes nothing", create: { as: ['ServiceToken'] } },
  'Custom::SageMakerEniCleanup': {
    summary: "This kit's clean-up (lambda/eni-cleanup/): on delete, removes the network interfaces SageMaker left in the security group",
    delete: { as: ['ServiceToken'], cleansNetworkInterfaces: 'SecurityGroupId' },
    sources: [SAGEMAKER_ENIS],
  },
  'Custom::SageMakerTrainingJob': sageMakerJob('training', '', {
    reads: ['JobRequest.InputDataConfig.DataSource.S3DataSource.S3Uri'],
    writes: ['JobRequest.OutputDataConfig.S3OutputPath'],
  }),
  'Custom::SageMakerTuningJob': sageMakerJob('hyperparameter tuning', TRAINING_DEFINITION, {
    reads: [`JobRequest.${TRAINING_DEFINITION}InputDataConfig.DataSource.S3DataSource.S3Uri`, `JobRequest.${TRAINING_DEFINITION}CheckpointConfig.S3Uri`],
    writes: [`JobRequest.${TRAINING_DEFINITION}OutputDataConfig.S3OutputPath`, `JobRequest.${TRAINING_DEFINITION}CheckpointConfig.S3Uri`],
  }),
  'Custom::SageMakerTransformJob': sageMakerJob('batch transform', '', {
    // A transform job runs its model: the model's role, artifact and VPC (CreateTransformJob has no VPC of its own).
    as: ['JobRequest.ModelName>ExecutionRoleArn'],
    reads: ['JobRequest.TransformInput.DataSource.S3DataSource.S3Uri', 'JobRequest.ModelName>PrimaryContainer.ModelDataUrl'],
    writes: ['JobRequest.TransformOutput.S3OutputPath'],
    subnets: ['JobRequest.ModelName>VpcConfig.Subnets'],
  }),
  'Custom::VpcRestrictDefaultSG': {
    summary: "CDK restrictDefaultSecurityGroup: removes the default security group's rules on create, restores them on delete",
    create: { as: ['ServiceToken'] },
    delete: { as: ['ServiceToken'] },
    sources: ['https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_ec2.Vpc.html#restrictdefaultsecuritygroup'],
  },
};

/**
 * The facts of a type, or an error that says what to fill in: a type no entry describes cannot be checked,
 * so it fails (like lib/posture/known-types.ts for the posture).
 */
export function typeFacts(type: string, where: string, table: Readonly<Record<string, TypeFacts>> = TYPE_FACTS): TypeFacts {
  const facts = table[type];
  if (!facts) {
    throw new Error(missingEntry(type, where));
  }
  return facts;
}

/** What to fill in for a type with no entry. */
export function missingEntry(type: string, where: string): string {
  return (
    `${where}: resource type ${type} has no entry in test/behaviour/type-facts.ts. Add one: what its create reads, writes ` +
    'and acts as (create), what it writes while it exists (runs), what its deletion needs to still exist (delete: data, ' +
    'key, role, network interfaces it leaves), the names it holds unique (uniqueNames), and the AWS page or issue for ' +
    'each fact a reader could not guess (sources).'
  );
}
