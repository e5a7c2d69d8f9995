/**
 * Where each control of a lab guide's security table shows in the lab's posture: the docs test checks that
 * every control has evidence and that the evidence is in the posture snapshot, so a guide cannot claim a
 * control the stack does not have. Plain data, one file per lab, keyed by the control's text in the guide.
 *
 * Lines are compared with runs of white space made one space, so a statement's lines can be written as one:
 * `action s3:GetObject resource ${RawData.Arn}/raw/*`.
 */
export type Evidence =
  /** The posture block of the resource with this construct name shows (and lacks) these lines. */
  | { readonly in: string; readonly shows?: readonly string[]; readonly lacks?: readonly string[] }
  /** The block of every resource of this type shows (and lacks) these lines. */
  | { readonly every: string; readonly shows?: readonly string[]; readonly lacks?: readonly string[] }
  /** No line of the lab's posture contains this. */
  | { readonly nowhere: string }
  /** The control is not a fact of the template (validation results, order of deletion, names): why. */
  | { readonly outside: string };

/** Each control of a guide's table (its exact text) and the evidence for it. */
export type ControlEvidence = Readonly<Record<string, readonly Evidence[]>>;

/** The controls every lab's table has in the same words, with the same evidence. */
export const COMMON_EVIDENCE: ControlEvidence = {
  'no resource is retained on destroy': [{ nowhere: 'Policy = Retain' }, { nowhere: 'Policy = RetainExceptOnCreate' }],
  'every log group is encrypted with the lab key and keeps events for a year': [
    { every: 'AWS::Logs::LogGroup', shows: ['encryption KmsKeyId = ${LabKey.Arn}', 'retention RetentionInDays = 365'] },
  ],
  'no physical name is hard-coded: the names services require derive from the stack name': [
    { outside: 'names are not security facts, so the posture leaves them out; the lab test checks them' },
  ],
  'cdk-nag and Control Tower guard pass with acknowledged exceptions only': [
    { outside: 'a result of the validations at synth, checked by the lab test' },
  ],
};

/** The block of a bucket encrypted with the lab key and an S3 Bucket Key. */
export const LAB_KEY_BUCKET = [
  'BucketKeyEnabled = true',
  'ServerSideEncryptionByDefault.KMSMasterKeyID = ${LabKey.Arn}',
  'ServerSideEncryptionByDefault.SSEAlgorithm = aws:kms',
] as const;

/** Every bucket blocks all public access and has ACLs disabled. */
export const PRIVATE_BUCKETS: Evidence = {
  every: 'AWS::S3::Bucket',
  shows: [
    'OwnershipControls.Rules.ObjectOwnership = BucketOwnerEnforced',
    'BlockPublicAcls = true',
    'BlockPublicPolicy = true',
    'IgnorePublicAcls = true',
    'RestrictPublicBuckets = true',
  ],
};

/** Every bucket policy denies requests without TLS, and below TLS 1.2. */
export const TLS_ONLY_BUCKETS: Evidence = {
  every: 'AWS::S3::BucketPolicy',
  shows: [
    'Deny principal AWS:* action s3:*',
    'condition Bool aws:SecureTransport = false',
    'condition NumericLessThan s3:TlsVersion = 1.2',
  ],
};

/** The lab's security group and isolated subnets, as the SageMaker labs name them. */
export const SAGEMAKER_GROUP = '${SageMakerSecurityGroup.GroupId}';
export const ISOLATED_SUBNETS = '${Vpc/IsolatedSubnet1/Subnet}, ${Vpc/IsolatedSubnet2/Subnet}';

/** The condition keys the SageMaker job construct puts on a Create call: isolated, encrypted, in the lab VPC. */
export const ISOLATED_JOB_CONDITIONS = [
  'condition ArnEquals sagemaker:OutputKmsKeyArn = ${LabKey.Arn}',
  'condition ArnEquals sagemaker:VolumeKmsKeyArn = ${LabKey.Arn}',
  'condition Bool sagemaker:InterContainerTrafficEncryption = true',
  'condition Bool sagemaker:NetworkIsolation = true',
  `condition ForAllValues:StringEquals sagemaker:VpcSecurityGroupIds = ${SAGEMAKER_GROUP}`,
  `condition ForAllValues:StringEquals sagemaker:VpcSubnets = ${ISOLATED_SUBNETS}`,
] as const;

/** A VPC with isolated subnets only: no internet or NAT gateway, no route out but the gateway endpoint's. */
export const ISOLATED_VPC: readonly Evidence[] = [
  { nowhere: '[AWS::EC2::InternetGateway]' },
  { nowhere: '[AWS::EC2::NatGateway]' },
  { nowhere: '[AWS::EC2::Route]' },
  { every: 'AWS::EC2::Subnet', shows: ['MapPublicIpOnLaunch = false'] },
];

/** VPC flow logs of all traffic (the PrivateVpc of a SageMakerNetwork). */
export const FLOW_LOGS_ALL: Evidence = { in: 'Vpc/FlowLog/FlowLog', shows: ['ResourceId = ${Vpc}', 'TrafficType = ALL'] };

/** A SageMakerNetwork's S3 gateway endpoint that reaches the one lab bucket `Data`, for this account only. */
export const ENDPOINT_DATA_BUCKET_ONLY: Evidence = {
  in: 'Vpc/S3',
  shows: ['resource ${Data.Arn}, ${Data.Arn}/* condition StringEquals aws:PrincipalAccount = 123456789012'],
};

/** Ingress only from the security group itself. */
export const SELF_ONLY_INGRESS: Evidence = {
  every: 'AWS::EC2::SecurityGroupIngress',
  shows: [`SourceSecurityGroupId = ${SAGEMAKER_GROUP}`],
  lacks: ['CidrIp', 'SourcePrefixListId'],
};

/** Egress only to the group itself and to the S3 prefix list on 443. */
export const SELF_AND_S3_EGRESS: readonly Evidence[] = [
  { every: 'AWS::EC2::SecurityGroupEgress', lacks: ['CidrIp'] },
  {
    in: 'SageMakerSecurityGroup/to {IndirectPeer}:443',
    shows: ['DestinationPrefixListId = ${S3PrefixList.PrefixListId}', 'FromPort = 443', 'ToPort = 443'],
  },
  { in: 'S3PrefixList', shows: ['PrefixListName = com.amazonaws.${AWS::Region}.s3'] },
];
