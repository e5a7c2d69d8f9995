/**
 * Evaluates the rows of a lab's call table (lib/labs/call-table.ts) against its synthesized template
 * with @cloud-copilot/iam-simulate: the principal's identity policies, the target's resource policy and
 * the VPC endpoint policy the request passes through, as IAM would after deploy.
 *
 * @cloud-copilot/iam-simulate is AGPL-3.0: it is used by tests only, never by lib/ code that is
 * bundled, nor by lambda/.
 */
import { runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { CallPrincipal, CallRow } from '../../lib/labs/call-table';
import { ACCOUNT, type TemplateModel } from './template-model';

interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: readonly Record<string, unknown>[];
}

/** The text of the AWS managed policies CDK-internal roles use (IAM's published versions). */
const AWS_MANAGED_POLICIES: Record<string, PolicyDocument> = {
  'service-role/AWSLambdaBasicExecutionRole': {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
  },
};

const LEARNER_ARN = `arn:aws:iam::${ACCOUNT}:user/learner`;
const ADMINISTRATOR: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

export interface RowResult {
  readonly row: CallRow;
  /** Allowed, ExplicitlyDenied, ImplicitlyDenied, or an error of the simulation (bad action, resource, context). */
  readonly outcome: string;
  readonly ok: boolean;
  /** Why it failed, for the test message. */
  readonly detail: string;
}

export class CallEvaluator {
  private readonly identityCache = new Map<string, { name: string; policy: PolicyDocument }[]>();
  private readonly resourceCache = new Map<string, PolicyDocument | undefined>();

  constructor(private readonly model: TemplateModel) {}

  /** The identity policies attached to a role (inline, AWS::IAM::Policy, managed), resolved. */
  identityPolicies(roleLogicalId: string): { name: string; policy: PolicyDocument }[] {
    const cached = this.identityCache.get(roleLogicalId);
    if (cached) {
      return cached;
    }
    const policies = this.readIdentityPolicies(roleLogicalId);
    this.identityCache.set(roleLogicalId, policies);
    return policies;
  }

  private readIdentityPolicies(roleLogicalId: string): { name: string; policy: PolicyDocument }[] {
    const m = this.model;
    const role = m.resource(roleLogicalId);
    const roleName = m.ref(roleLogicalId);
    const inline = ((role.Properties?.Policies as { PolicyName: string; PolicyDocument: unknown }[] | undefined) ?? []).map(
      (p) => ({ name: p.PolicyName, policy: m.resolve(p.PolicyDocument) as PolicyDocument }),
    );
    const attached = Object.entries(m.resources)
      .filter(([, r]) => r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy')
      .filter(([, r]) => ((m.resolve(r.Properties?.Roles ?? []) as string[]) ?? []).includes(roleName))
      .map(([id, r]) => ({ name: id, policy: m.resolve(r.Properties?.PolicyDocument) as PolicyDocument }));
    const managed = ((m.resolve(role.Properties?.ManagedPolicyArns ?? []) as string[]) ?? []).map((arn) => {
      const name = arn.replace(/^arn:aws:iam::aws:policy\//, '');
      const policy = AWS_MANAGED_POLICIES[name];
      if (!policy) {
        throw new Error(`${m.pathOf(roleLogicalId)} has managed policy ${arn}, whose text the evaluator does not know`);
      }
      return { name, policy };
    });
    return [...inline, ...attached, ...managed];
  }

  /** The resource policy that applies to `resource` for `action`, if the template has one. */
  resourcePolicy(action: string, resource: string): PolicyDocument | undefined {
    // One bucket policy for all of a bucket's objects.
    const target = resource.startsWith('arn:aws:s3:::') ? resource.split('/')[0] : resource;
    const key = `${/^sts:AssumeRole/.test(action) ? 'trust' : 'resource'} ${target}`;
    if (!this.resourceCache.has(key)) {
      this.resourceCache.set(key, this.readResourcePolicy(action, resource));
    }
    return this.resourceCache.get(key);
  }

  private readResourcePolicy(action: string, resource: string): PolicyDocument | undefined {
    const m = this.model;
    const entries = Object.entries(m.resources);
    const byArn = (type: string) => entries.find(([id, r]) => r.Type === type && m.arn(id) === resource)?.[0];
    if (/^sts:AssumeRole/.test(action)) {
      const role = byArn('AWS::IAM::Role');
      return role ? (m.resolve(m.resource(role).Properties?.AssumeRolePolicyDocument) as PolicyDocument) : undefined;
    }
    const [, , service] = resource.split(':');
    const pick = (type: string, matches: (p: Record<string, unknown>) => boolean, property: string) => {
      const docs = entries
        .filter(([, r]) => r.Type === type && matches(m.resolve(r.Properties ?? {}) as Record<string, unknown>))
        .map(([, r]) => m.resolve(r.Properties?.[property]) as PolicyDocument);
      return docs.length === 0 ? undefined : { Version: '2012-10-17', Statement: docs.flatMap((d) => d.Statement) };
    };
    switch (service) {
      case 's3': {
        const bucket = resource.split(':::')[1].split('/')[0];
        return pick('AWS::S3::BucketPolicy', (p) => p.Bucket === bucket, 'PolicyDocument');
      }
      case 'kms': {
        const key = byArn('AWS::KMS::Key');
        return key ? (m.resolve(m.resource(key).Properties?.KeyPolicy) as PolicyDocument) : undefined;
      }
      case 'sns':
        return pick('AWS::SNS::TopicPolicy', (p) => (p.Topics as string[]).includes(resource), 'PolicyDocument');
      case 'sqs': {
        const queue = byArn('AWS::SQS::Queue');
        const url = queue ? m.ref(queue) : '';
        return pick('AWS::SQS::QueuePolicy', (p) => (p.Queues as string[]).includes(url), 'PolicyDocument');
      }
      case 'lambda':
        return this.lambdaPolicy(resource);
      default:
        return undefined;
    }
  }

  /** A function's resource policy, from its AWS::Lambda::Permission resources. */
  private lambdaPolicy(functionArn: string): PolicyDocument | undefined {
    const m = this.model;
    const fnArn = functionArn.split(':').slice(0, 7).join(':');
    const fnName = fnArn.split(':')[6];
    const statements = Object.values(m.resources)
      .filter((r) => r.Type === 'AWS::Lambda::Permission')
      .map((r) => m.resolve(r.Properties) as Record<string, string>)
      .filter((p) => p.FunctionName === fnName || p.FunctionName === fnArn)
      .map((p) => {
        const principal = /amazonaws\.com$/.test(p.Principal) ? { Service: p.Principal } : { AWS: p.Principal };
        const condition: Record<string, Record<string, string>> = {};
        if (p.SourceArn) {
          condition.ArnLike = { 'aws:SourceArn': p.SourceArn };
        }
        if (p.SourceAccount) {
          condition.StringEquals = { 'aws:SourceAccount': p.SourceAccount };
        }
        return { Effect: 'Allow', Principal: principal, Action: p.Action, Resource: fnArn, ...(p.SourceArn || p.SourceAccount ? { Condition: condition } : {}) };
      });
    return statements.length === 0 ? undefined : { Version: '2012-10-17', Statement: statements };
  }

  /** The simulation of one row. */
  simulation(row: CallRow): Simulation {
    const m = this.model;
    const action = row.action;
    const resource = m.resolveToken(row.resource);
    const { principal, identityPolicies, context } = this.principal(row.principal);
    const resolvedContext = Object.fromEntries(
      Object.entries(row.context ?? {}).map(([k, v]) => [k, typeof v === 'string' ? m.resolveToken(v) : v.map((x) => m.resolveToken(x))]),
    );
    if (action.startsWith('kms:') && row.principal !== 'learner' && !('service' in row.principal)) {
      context['kms:CallerAccount'] = ACCOUNT;
    }
    const endpointPolicy = row.through ? [{ name: row.through, policy: this.endpointPolicy(row.through) }] : undefined;
    return {
      request: {
        principal,
        action,
        resource: { resource, accountId: ACCOUNT },
        contextVariables: { 'aws:SecureTransport': 'true', ...context, ...resolvedContext },
      },
      identityPolicies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: this.resourcePolicy(action, resource),
      ...(endpointPolicy ? { vpcEndpointPolicies: endpointPolicy } : {}),
    };
  }

  /**
   * A VPC endpoint's policy. IAM reads `"Principal": {"AWS": "*"}` (what CDK writes for AnyPrincipal) as
   * `"Principal": "*"`; iam-simulate accepts only the latter in an endpoint policy, so it is rewritten.
   */
  private endpointPolicy(path: string): PolicyDocument {
    const m = this.model;
    const doc = m.resolve(m.resource(m.logicalId(path)).Properties?.PolicyDocument) as PolicyDocument;
    const anyone = (p: unknown) => JSON.stringify(p) === JSON.stringify({ AWS: '*' });
    return { ...doc, Statement: doc.Statement.map((s) => (anyone(s.Principal) ? { ...s, Principal: '*' } : s)) };
  }

  private principal(p: CallPrincipal) {
    const m = this.model;
    if (p === 'learner') {
      return {
        principal: LEARNER_ARN,
        identityPolicies: [{ name: 'AdministratorAccess', policy: ADMINISTRATOR }],
        context: { 'aws:PrincipalArn': LEARNER_ARN, 'aws:PrincipalAccount': ACCOUNT, 'aws:PrincipalIsAWSService': 'false' } as Record<string, string>,
      };
    }
    if ('role' in p) {
      const id = m.logicalId(p.role);
      if (m.resource(id).Type !== 'AWS::IAM::Role') {
        throw new Error(`${p.role} is a ${m.resource(id).Type}, not an IAM role`);
      }
      const arn = m.arn(id);
      return {
        principal: arn,
        identityPolicies: this.identityPolicies(id),
        context: { 'aws:PrincipalArn': arn, 'aws:PrincipalAccount': ACCOUNT, 'aws:PrincipalIsAWSService': 'false' } as Record<string, string>,
      };
    }
    const context: Record<string, string> = { 'aws:PrincipalIsAWSService': 'true', 'aws:PrincipalServiceName': m.resolveToken(p.service) };
    if (p.sourceArn) {
      context['aws:SourceArn'] = m.resolveToken(p.sourceArn);
    }
    if (p.sourceAccount) {
      context['aws:SourceAccount'] = m.resolveToken(p.sourceAccount);
    }
    return { principal: m.resolveToken(p.service), identityPolicies: [], context };
  }

  async evaluate(row: CallRow): Promise<RowResult> {
    let simulation: Simulation;
    try {
      simulation = this.simulation(row);
    } catch (e) {
      return { row, outcome: 'error', ok: false, detail: (e as Error).message };
    }
    const result = await runSimulation(simulation, {});
    if (result.resultType === 'error') {
      return { row, outcome: 'error', ok: false, detail: JSON.stringify(result.errors) };
    }
    const ignored =
      result.resultType === 'single'
        ? (result.result.ignoredContextKeys ?? [])
        : result.results.flatMap((r) => r.ignoredContextKeys ?? []);
    const rowKeys = Object.keys(row.context ?? {});
    const ignoredRowKeys = [...new Set(ignored.filter((k) => rowKeys.includes(k)))];
    // iam-simulate 0.1 recognises variable condition keys only after a slash (`aws:ResourceTag/x`), so it
    // drops KMS's `kms:EncryptionContext:<key>`; those are valid for the KMS actions that list the key
    // pattern, and are evaluated without the input validation (already done above).
    const encryptionContext = ignoredRowKeys.filter((k) => k.startsWith('kms:EncryptionContext:') && row.action.startsWith('kms:'));
    const unknown = ignoredRowKeys.filter((k) => !encryptionContext.includes(k));
    if (unknown.length > 0) {
      return { row, outcome: 'error', ok: false, detail: `context keys that do not apply to ${row.action}: ${unknown.join(', ')}` };
    }
    const outcome = encryptionContext.length > 0 ? runWithEncryptionContext(simulation) : result.overallResult;
    const ok = (outcome === 'Allowed') === (row.expect === 'allow');
    return {
      row,
      outcome,
      ok,
      detail: ok ? '' : `${outcome} (resource ${simulation.request.resource.resource})`,
    };
  }
}

/**
 * The simulation without input validation, so `kms:EncryptionContext:<key>` reaches the evaluation.
 * runUnsafeSimulation loads the resource policy without the metadata the engine reads its name from;
 * passing it in iam-policy's validated-policy shape supplies the metadata.
 */
function runWithEncryptionContext(simulation: Simulation): string {
  const { resourcePolicy } = simulation;
  return runUnsafeSimulation(
    {
      ...simulation,
      resourcePolicy: resourcePolicy && { __validated: true, policyDocument: resourcePolicy, metadata: { name: 'ResourcePolicy' } },
    },
    {},
  );
}

/** One line per failed row, for a test message that says what to fix. */
export function formatFailures(results: readonly RowResult[]): string {
  return results
    .filter((r) => !r.ok)
    .map((r) => {
      const who = typeof r.row.principal === 'string' ? r.row.principal : 'role' in r.row.principal ? r.row.principal.role : r.row.principal.service;
      return `[${r.row.phase}] ${r.row.why}: ${who} ${r.row.action} expected ${r.row.expect}, got ${r.detail}`;
    })
    .join('\n');
}
