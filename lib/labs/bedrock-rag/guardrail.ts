import { createHash } from 'node:crypto';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import * as policy from './guardrail-policy';

export interface LabGuardrailProps {
  /** Guardrail name: unique in the account and Region, so derived from the stack name. */
  readonly name: string;
  /** The lab key: the guardrail's configuration is encrypted with it. */
  readonly encryptionKey: kms.IKey;
}

/**
 * The lab's guardrail (policies in guardrail-policy.ts) and a published version of it, which the lab
 * scripts pass to RetrieveAndGenerate. A version is an immutable snapshot ("Deploy your guardrail",
 * https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-deploy.html); the policies' fingerprint
 * is in its description, so a changed policy publishes a new version on the next deploy.
 */
export class LabGuardrail extends Construct {
  readonly guardrail: bedrock.CfnGuardrail;
  readonly version: bedrock.CfnGuardrailVersion;

  constructor(scope: Construct, id: string, props: LabGuardrailProps) {
    super(scope, id);
    this.guardrail = new bedrock.CfnGuardrail(this, 'Guardrail', {
      name: props.name,
      description: 'Lab 06: content, prompt-attack, denied-topic, PII and grounding policies',
      kmsKeyArn: props.encryptionKey.keyArn,
      ...guardrailPolicies(),
    });
    this.version = new bedrock.CfnGuardrailVersion(this, 'Version', {
      guardrailIdentifier: this.guardrail.attrGuardrailId,
      description: `Published by cdk deploy; policies ${policyFingerprint(guardrailPolicies())}`,
    });
  }

  get guardrailId(): string {
    return this.guardrail.attrGuardrailId;
  }

  get guardrailArn(): string {
    return this.guardrail.attrGuardrailArn;
  }
}

/** The guardrail's properties that are neither its name, key nor description. */
export type GuardrailPolicies = Omit<bedrock.CfnGuardrailProps, 'name' | 'kmsKeyArn' | 'description' | 'tags'>;

/**
 * Everything the guardrail enforces (its messages and policies from guardrail-policy.ts, with the strengths
 * and actions chosen here), as plain data: the guardrail gets exactly this, and the published version's
 * fingerprint is computed from exactly this, so any change to what the guardrail does publishes a new version.
 */
export function guardrailPolicies(): GuardrailPolicies {
  return {
    blockedInputMessaging: policy.BLOCKED_MESSAGES.input,
    blockedOutputsMessaging: policy.BLOCKED_MESSAGES.output,
    contentPolicyConfig: {
      filtersConfig: [
        ...policy.CONTENT_FILTERS.map((type) => ({ type, inputStrength: 'HIGH', outputStrength: 'HIGH' })),
        { ...policy.PROMPT_ATTACK_FILTER },
      ],
    },
    topicPolicyConfig: {
      topicsConfig: [{ ...policy.DENIED_TOPIC, examples: [...policy.DENIED_TOPIC.examples], type: 'DENY' }],
    },
    sensitiveInformationPolicyConfig: {
      piiEntitiesConfig: policy.MASKED_PII.map((type) => ({ type, action: 'ANONYMIZE' })),
    },
    contextualGroundingPolicyConfig: {
      filtersConfig: Object.entries(policy.GROUNDING_THRESHOLDS).map(([type, threshold]) => ({ type, threshold })),
    },
    wordPolicyConfig: { managedWordListsConfig: [{ type: 'PROFANITY' }] },
  };
}

/** A short hash of the guardrail's policies (plain data, no tokens). */
export function policyFingerprint(policies: GuardrailPolicies): string {
  return createHash('sha256').update(JSON.stringify(policies)).digest('hex').slice(0, 12);
}
