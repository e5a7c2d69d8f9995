/**
 * A synthesized lab template with every CloudFormation expression resolved to deterministic fake
 * physical values (names, ids, ARNs in each service's format), so that policies can be evaluated as
 * AWS would see them after deploy. Also maps construct paths to logical ids and computes references.
 */
import { createHash } from 'node:crypto';
import { PATH_METADATA } from '../../lib/posture/template';
import type { SynthesizedLab } from '../helpers/synth';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const PARTITION = 'aws';

export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string | string[];
  readonly Metadata?: Record<string, unknown>;
}

/** The physical name property of each resource type that has one. */
const NAME_PROPERTY: Record<string, (p: Record<string, unknown>) => unknown> = {
  'AWS::S3::Bucket': (p) => p.BucketName,
  'AWS::IAM::Role': (p) => p.RoleName,
  'AWS::Logs::LogGroup': (p) => p.LogGroupName,
  'AWS::Lambda::Function': (p) => p.FunctionName,
  'AWS::SNS::Topic': (p) => p.TopicName,
  'AWS::SQS::Queue': (p) => p.QueueName,
  'AWS::StepFunctions::StateMachine': (p) => p.StateMachineName,
  'AWS::Glue::Database': (p) => (p.DatabaseInput as Record<string, unknown> | undefined)?.Name,
  'AWS::Glue::SecurityConfiguration': (p) => p.Name,
  'AWS::Glue::Crawler': (p) => p.Name,
  'AWS::Athena::WorkGroup': (p) => p.Name,
  'AWS::KinesisFirehose::DeliveryStream': (p) => p.DeliveryStreamName,
  'AWS::SageMaker::Endpoint': (p) => p.EndpointName,
  'AWS::SageMaker::Model': (p) => p.ModelName,
  'AWS::SageMaker::EndpointConfig': (p) => p.EndpointConfigName,
  'AWS::Events::Rule': (p) => p.Name,
  'AWS::CloudWatch::Alarm': (p) => p.AlarmName,
};

export class TemplateModel {
  readonly resources: Record<string, TemplateResource>;
  private readonly pathToId = new Map<string, string>();
  private readonly idToPath = new Map<string, string>();
  private readonly names = new Map<string, string>();

  /**
   * @param template a template synthesized with construct paths in its metadata (`aws:cdk:enable-path-metadata`,
   * as `cdk synth` and POSTURE_CONTEXT do), so the model needs no construct tree.
   */
  constructor(
    readonly stackName: string,
    template: { readonly Resources: Record<string, TemplateResource> },
  ) {
    this.resources = template.Resources;
    for (const [id, resource] of Object.entries(this.resources)) {
      const fullPath = resource.Metadata?.[PATH_METADATA];
      if (typeof fullPath !== 'string') {
        throw new Error(`${stackName}: resource ${id} has no ${PATH_METADATA} metadata; synthesize with aws:cdk:enable-path-metadata`);
      }
      // Relative to the stack: `Data/Resource` for `Lab01DataLake/Data/Resource`.
      const path = fullPath.slice(fullPath.indexOf('/') + 1);
      this.pathToId.set(path, id);
      this.idToPath.set(id, path);
    }
    // `Bucket/Resource` is also `Bucket`, the L2's path.
    for (const [path, id] of [...this.pathToId]) {
      for (const suffix of ['/Resource', '/Default']) {
        if (path.endsWith(suffix) && !this.pathToId.has(path.slice(0, -suffix.length))) {
          this.pathToId.set(path.slice(0, -suffix.length), id);
        }
      }
    }
  }

  /** The model of a lab synthesized by a test helper. */
  static of(lab: SynthesizedLab): TemplateModel {
    return new TemplateModel(lab.stack.stackName, lab.json);
  }

  /** The logical id of the resource at a construct path relative to the stack. */
  logicalId(path: string): string {
    const id = this.pathToId.get(path) ?? (this.resources[path] ? path : undefined);
    if (!id) {
      const near = [...this.pathToId.keys()].filter((p) => p.startsWith(path.split('/')[0])).slice(0, 8);
      throw new Error(`No resource at construct path "${path}" in ${this.stackName}. Paths near it: ${near.join(', ')}`);
    }
    return id;
  }

  /** The construct path of a logical id (for messages). */
  pathOf(logicalId: string): string {
    return this.idToPath.get(logicalId) ?? logicalId;
  }

  resource(logicalId: string): TemplateResource {
    const r = this.resources[logicalId];
    if (!r) {
      throw new Error(`No resource ${logicalId} in ${this.stackName}`);
    }
    return r;
  }

  /** The fake physical name of a resource: its name property if set, else derived from its logical id. */
  physicalName(logicalId: string): string {
    const cached = this.names.get(logicalId);
    if (cached) {
      return cached;
    }
    const r = this.resource(logicalId);
    const declared = NAME_PROPERTY[r.Type]?.(r.Properties ?? {});
    const generated = `${this.stackName}-${logicalId}`.slice(0, 56) + '-' + hash(logicalId, 6);
    const name =
      declared !== undefined
        ? String(this.resolve(declared))
        : r.Type === 'AWS::S3::Bucket' || r.Type.startsWith('AWS::SageMaker::') || r.Type.startsWith('AWS::S3Vectors::')
          ? generated.toLowerCase()
          : generated;
    this.names.set(logicalId, name);
    return name;
  }

  /** `Ref` of a resource, as CloudFormation returns it for its type. */
  ref(logicalId: string): string {
    const r = this.resource(logicalId);
    const name = this.physicalName(logicalId);
    switch (r.Type) {
      case 'AWS::KMS::Key':
        return keyId(logicalId);
      case 'AWS::SNS::Topic':
      case 'AWS::StepFunctions::StateMachine':
      case 'AWS::SageMaker::Endpoint':
      case 'AWS::SageMaker::Model':
      case 'AWS::SageMaker::EndpointConfig':
        return this.arn(logicalId);
      case 'AWS::SQS::Queue':
        return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`;
      case 'AWS::EC2::VPC':
        return `vpc-${hash(logicalId, 17)}`;
      case 'AWS::EC2::Subnet':
        return `subnet-${hash(logicalId, 17)}`;
      case 'AWS::EC2::SecurityGroup':
        return `sg-${hash(logicalId, 17)}`;
      case 'AWS::EC2::VPCEndpoint':
        return `vpce-${hash(logicalId, 17)}`;
      default:
        return name;
    }
  }

  /** The ARN of a resource, in its service's format. */
  arn(logicalId: string): string {
    const r = this.resource(logicalId);
    const name = this.physicalName(logicalId);
    const a = `${REGION}:${ACCOUNT}`;
    switch (r.Type) {
      case 'AWS::S3::Bucket':
        return `arn:${PARTITION}:s3:::${name}`;
      case 'AWS::KMS::Key':
        return `arn:${PARTITION}:kms:${a}:key/${keyId(logicalId)}`;
      case 'AWS::IAM::Role':
        return `arn:${PARTITION}:iam::${ACCOUNT}:role${String(this.resolve(r.Properties?.Path ?? '/'))}${name}`;
      case 'AWS::Logs::LogGroup':
        return `arn:${PARTITION}:logs:${a}:log-group:${name}:*`;
      case 'AWS::Lambda::Function':
        return `arn:${PARTITION}:lambda:${a}:function:${name}`;
      case 'AWS::SNS::Topic':
        return `arn:${PARTITION}:sns:${a}:${name}`;
      case 'AWS::SQS::Queue':
        return `arn:${PARTITION}:sqs:${a}:${name}`;
      case 'AWS::StepFunctions::StateMachine':
        return `arn:${PARTITION}:states:${a}:stateMachine:${name}`;
      case 'AWS::KinesisFirehose::DeliveryStream':
        return `arn:${PARTITION}:firehose:${a}:deliverystream/${name}`;
      case 'AWS::Events::Rule':
        return `arn:${PARTITION}:events:${a}:rule/${name}`;
      case 'AWS::CloudWatch::Alarm':
        return `arn:${PARTITION}:cloudwatch:${a}:alarm:${name}`;
      case 'AWS::Glue::Crawler':
        return `arn:${PARTITION}:glue:${a}:crawler/${name}`;
      case 'AWS::Athena::WorkGroup':
        return `arn:${PARTITION}:athena:${a}:workgroup/${name}`;
      case 'AWS::SageMaker::Endpoint':
        return `arn:${PARTITION}:sagemaker:${a}:endpoint/${name}`;
      case 'AWS::SageMaker::Model':
        return `arn:${PARTITION}:sagemaker:${a}:model/${name}`;
      case 'AWS::SageMaker::EndpointConfig':
        return `arn:${PARTITION}:sagemaker:${a}:endpoint-config/${name}`;
      case 'AWS::Bedrock::KnowledgeBase':
        return `arn:${PARTITION}:bedrock:${a}:knowledge-base/${bedrockId(logicalId)}`;
      case 'AWS::Bedrock::Guardrail':
        return `arn:${PARTITION}:bedrock:${a}:guardrail/${bedrockId(logicalId)}`;
      case 'AWS::S3Vectors::VectorBucket':
        return `arn:${PARTITION}:s3vectors:${a}:bucket/${name}`;
      case 'AWS::S3Vectors::Index': {
        // An index ARN is its bucket's ARN followed by /index/<name>.
        const bucket = r.Properties?.VectorBucketArn ?? { 'Fn::Join': ['', [`arn:${PARTITION}:s3vectors:${a}:bucket/`, r.Properties?.VectorBucketName]] };
        return `${String(this.resolve(bucket))}/index/${name}`;
      }
      case 'AWS::EC2::VPC':
        return `arn:${PARTITION}:ec2:${a}:vpc/${this.ref(logicalId)}`;
      case 'AWS::EC2::Subnet':
        return `arn:${PARTITION}:ec2:${a}:subnet/${this.ref(logicalId)}`;
      case 'AWS::EC2::SecurityGroup':
        return `arn:${PARTITION}:ec2:${a}:security-group/${this.ref(logicalId)}`;
      default:
        return `arn:${PARTITION}:${r.Type.split('::')[1]?.toLowerCase() ?? 'custom'}:${a}:${name}`;
    }
  }

  /** `Fn::GetAtt` of a resource. */
  getAtt(logicalId: string, attribute: string): string {
    const r = this.resource(logicalId);
    switch (attribute) {
      case 'Arn':
      case 'TopicArn':
        return this.arn(logicalId);
      case 'KeyId':
        return keyId(logicalId);
      case 'QueueUrl':
        return this.ref(logicalId);
      case 'Name':
      case 'TopicName':
      case 'QueueName':
      case 'EndpointName':
      case 'ModelName':
      case 'EndpointConfigName':
      case 'DeliveryStreamName':
        return this.physicalName(logicalId);
      case 'GroupId':
      case 'VpcId':
      case 'SubnetId':
        return this.ref(logicalId);
      case 'RoleId':
        return `AROA${hash(logicalId, 17).toUpperCase()}`;
      case 'KnowledgeBaseArn':
      case 'GuardrailArn':
      case 'VectorBucketArn':
      case 'IndexArn':
        return this.arn(logicalId);
      case 'KnowledgeBaseId':
      case 'GuardrailId':
      case 'DataSourceId':
        return bedrockId(logicalId);
      case 'CidrBlock':
        return '10.0.0.0/16';
      case 'DomainName':
      case 'RegionalDomainName':
        return `${this.physicalName(logicalId)}.s3.${REGION}.amazonaws.com`;
      default:
        if (r.Type.startsWith('Custom::') || r.Type === 'AWS::CloudFormation::CustomResource') {
          return `fake-${logicalId}-${attribute}`.toLowerCase();
        }
        return `fake-${logicalId}-${attribute}`;
    }
  }

  /** Resolves a template value (intrinsics included) to plain JSON with fake physical values. */
  resolve(value: unknown): unknown {
    if (Array.isArray(value)) {
      return value.map((v) => this.resolve(v));
    }
    if (value === null || typeof value !== 'object') {
      return value;
    }
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 1) {
      const [fn] = keys;
      const arg = obj[fn];
      switch (fn) {
        case 'Ref':
          return this.refOf(String(arg));
        case 'Fn::GetAtt': {
          const [id, attr] = Array.isArray(arg) ? (arg as string[]) : String(arg).split(/\.(.+)/);
          return this.getAtt(id, attr);
        }
        case 'Fn::Join': {
          const [sep, parts] = arg as [string, unknown];
          // A list attribute of a custom resource resolves to one fake value.
          const resolved = this.resolve(parts);
          return [resolved].flat().map(String).join(sep);
        }
        case 'Fn::Sub':
          return this.sub(arg);
        case 'Fn::Select': {
          const [index, list] = arg as [unknown, unknown];
          return (this.resolve(list) as unknown[])[Number(this.resolve(index))];
        }
        case 'Fn::Split': {
          const [sep, s] = arg as [string, unknown];
          return String(this.resolve(s)).split(sep);
        }
        case 'Fn::GetAZs':
          return [`${REGION}a`, `${REGION}b`, `${REGION}c`];
        case 'Fn::Base64':
          return Buffer.from(String(this.resolve(arg))).toString('base64');
        default:
          if (fn.startsWith('Fn::')) {
            throw new Error(`The test model cannot resolve ${fn}`);
          }
      }
    }
    return Object.fromEntries(keys.map((k) => [k, this.resolve(obj[k])]));
  }

  /** `Ref` of a logical id or a pseudo parameter. */
  refOf(name: string): string {
    switch (name) {
      case 'AWS::AccountId':
        return ACCOUNT;
      case 'AWS::Region':
        return REGION;
      case 'AWS::Partition':
        return PARTITION;
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return this.stackName;
      case 'AWS::StackId':
        return `arn:${PARTITION}:cloudformation:${REGION}:${ACCOUNT}:stack/${this.stackName}/fake`;
      case 'AWS::NoValue':
        return '';
      default:
        return this.ref(name);
    }
  }

  private sub(arg: unknown): string {
    const [template, vars] = Array.isArray(arg) ? (arg as [string, Record<string, unknown>]) : [String(arg), {}];
    return template.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
      if (name in vars) {
        return String(this.resolve(vars[name]));
      }
      const [id, attr] = name.split(/\.(.+)/);
      return attr ? this.getAtt(id, attr) : this.refOf(id);
    });
  }

  /**
   * Replaces `${Path/To/Construct.Attr}` and `${AWS::Region}`-style tokens of a call table with fake
   * physical values: `.Ref` is the Ref, any other attribute is `Fn::GetAtt`.
   */
  resolveToken(text: string): string {
    return text.replace(/\$\{([^}]+)\}/g, (_, token: string) => {
      if (token.startsWith('AWS::')) {
        return this.refOf(token);
      }
      const dot = token.lastIndexOf('.');
      if (dot < 0) {
        throw new Error(`Token \${${token}} needs an attribute, e.g. \${${token}.Arn} or \${${token}.Ref}`);
      }
      const id = this.logicalId(token.slice(0, dot));
      const attr = token.slice(dot + 1);
      return attr === 'Ref' ? this.ref(id) : this.getAtt(id, attr);
    });
  }

  /** The logical ids a resource depends on: DependsOn, and its Ref, Fn::GetAtt and Fn::Sub references. */
  dependencies(logicalId: string): Set<string> {
    return new Set([[this.resource(logicalId).DependsOn ?? []].flat(), ...this.references(logicalId)].flat());
  }

  /** The logical ids a resource's properties refer to (Ref, Fn::GetAtt, Fn::Sub), without DependsOn. */
  references(logicalId: string): Set<string> {
    const r = this.resource(logicalId);
    const deps = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) {
        v.forEach(walk);
      } else if (v && typeof v === 'object') {
        for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
          if (k === 'Ref' && typeof child === 'string' && this.resources[child]) {
            deps.add(child);
          } else if (k === 'Fn::GetAtt') {
            const id = Array.isArray(child) ? String(child[0]) : String(child).split('.')[0];
            deps.add(id);
          } else if (k === 'Fn::Sub') {
            const template = Array.isArray(child) ? String(child[0]) : String(child);
            for (const m of template.matchAll(/\$\{([^}.!]+)/g)) {
              if (this.resources[m[1]]) {
                deps.add(m[1]);
              }
            }
            walk(child);
          } else {
            walk(child);
          }
        }
      }
    };
    walk(r.Properties ?? {});
    return deps;
  }
}

function hash(s: string, length: number): string {
  return createHash('sha256').update(s).digest('hex').slice(0, length);
}

function keyId(logicalId: string): string {
  const h = hash(logicalId, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The id Bedrock gives a knowledge base, data source or guardrail: 10 upper-case letters and digits. */
function bedrockId(logicalId: string): string {
  return hash(logicalId, 10).toUpperCase();
}
