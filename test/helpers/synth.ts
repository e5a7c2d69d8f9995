/**
 * Test helpers: synthesize labs exactly like `cdk synth` (cdk.json context, the same app builder,
 * every validation) for a fixed test account and Region, without calling AWS.
 */
import { App, type AppProps, CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cxapi from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import type { LabStack } from '../../lib/labs/lab-stack';
import { LABS } from '../../lib/labs';
import { testTempDir } from './temp-dir';
import { formatFindings, synthesize, type Finding, type SynthOptions, type SynthResult } from '../../lib/synthesize';

export const TEST_ENV = { CDK_DEFAULT_ACCOUNT: '123456789012', CDK_DEFAULT_REGION: 'us-east-1' };

/**
 * Context of every test synth: no copying of assets into the cloud assembly (tests read templates; the AWS CLI
 * layer of a BucketDeployment alone is 21 MB to copy per synth), and no creation stack trace per resource (a
 * fifth of a synth under jest). Construct paths in the metadata are left out (guard's run time grows with the
 * template); the posture and behaviour tests add them (POSTURE_CONTEXT).
 */
export const TEST_SYNTH_CONTEXT = {
  'aws:cdk:disable-asset-staging': true,
  'aws:cdk:disable-creation-stack-traces': true,
} as const;

/**
 * The App every test builds by hand: aws-cdk-lib's CloudFormation schema validation, on by default, costs about
 * 1.7 CPU-s to load in each test file and runs over every lab in validations.test.ts (lint forbids `new App` in
 * tests for this reason).
 */
export function testApp(props: AppProps & { readonly outdir: string }): App {
  return new App({
    ...props,
    builtinCloudFormationValidation: false,
    context: { ...TEST_SYNTH_CONTEXT, ...props.context },
  });
}

/** A cloud-assembly directory for one test file, removed after its tests. */
export function testOutdir(): string {
  return testTempDir('ml-lab-kit-test-');
}

export interface SynthesizedLab {
  readonly stack: LabStack;
  readonly template: Template;
  /** The raw template, for checks that walk every resource. */
  readonly json: { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> } & Record<string, unknown>> };
  /** Unacknowledged validation findings (cdk-nag, guard, CloudFormation validation). */
  readonly findings: readonly Finding[];
  /** Warning annotations, such as the kit's destroy guardrails, as `id: message at path`. */
  readonly warnings: readonly string[];
  readonly result: SynthResult;
}

/**
 * Synthesizes one lab (as `-c lab=<id>`), with Lambda bundling skipped unless `bundle` is set, and cdk-nag and
 * guard but not the CloudFormation schema validation unless `schemaValidation` is set: validations.test.ts runs that
 * one over every lab at once.
 */
export function synthLab(labId: string, options: Omit<SynthOptions, 'env' | 'labs'> = {}): SynthesizedLab {
  const result = synthesize({
    labs: LABS,
    bundle: false,
    schemaValidation: false,
    outdir: testOutdir(),
    ...options,
    context: { ...TEST_SYNTH_CONTEXT, lab: labId, ...options.context },
    env: TEST_ENV,
  });
  const [stack] = result.stacks;
  return describeStack(result, stack);
}

export function describeStack(result: SynthResult, stack: LabStack): SynthesizedLab {
  const artifact = result.assembly.getStackArtifact(stack.artifactId);
  return {
    stack,
    template: Template.fromJSON(artifact.template),
    json: artifact.template,
    findings: result.findings.filter((f) => f.path.split('/')[0] === stack.node.id),
    warnings: warningsOf(artifact),
    result,
  };
}

function warningsOf(artifact: cxapi.CloudFormationStackArtifact): string[] {
  return artifact.messages
    .filter((m) => m.level === cxapi.SynthesisMessageLevel.WARNING)
    .map((m) => `${JSON.stringify(m.entry.data)} at ${m.id}`);
}

/** Fails with every finding listed as `rule at path`, so a failing test says what to fix. */
export function expectNoFindings(findings: readonly Finding[]): void {
  if (findings.length > 0) {
    throw new Error(`Unacknowledged validation findings:\n${formatFindings(findings)}`);
  }
}

/** Resources of one type, as [logicalId, resource] pairs. */
export function resourcesOfType(lab: SynthesizedLab, type: string) {
  return Object.entries(lab.json.Resources).filter(([, r]) => r.Type === type);
}

/** The logical id of an L2 construct's CloudFormation resource (or of an L1), as in the template. */
export function logicalId(construct: IConstruct): string {
  const resource = construct instanceof CfnResource ? construct : construct.node.defaultChild;
  if (!(resource instanceof CfnResource)) {
    throw new Error(`${construct.node.path} has no CloudFormation resource`);
  }
  return Stack.of(resource).resolve(resource.logicalId) as string;
}

/** An IAM policy statement as it appears in a synthesized template. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** Every statement of the identity policies (AWS::IAM::Policy) attached to a role, by its logical id. */
export function roleStatements(lab: SynthesizedLab, roleLogicalId: string): PolicyStatement[] {
  return resourcesOfType(lab, 'AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties!.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleLogicalId })))
    .flatMap(([, p]) => (p.Properties!.PolicyDocument as { Statement: PolicyStatement[] }).Statement);
}
