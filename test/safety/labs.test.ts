import * as fs from 'node:fs';
import { type App } from 'aws-cdk-lib';
import { findLab, LABS } from '../../lib/labs';
import { guidePath } from '../../lib/labs/lab-info';
import { LabStack, type LabStackProps } from '../../lib/labs/lab-stack';
import { HOSTING_INSTANCE_TYPE, TRAINING_INSTANCE_TYPE } from '../../lib/labs/sagemaker-private/stack';
import { labName } from '../../lib/safety/lab-safety';
import { testApp, testOutdir } from '../helpers/synth';

class NamesOnly extends LabStack {
  constructor(app: App, id: string, props: LabStackProps) {
    super(app, id, props);
  }
}

describe('every lab declares its preflight and leftovers', () => {
  const app = testApp({ outdir: testOutdir() });
  test.each(LABS.map((l) => [l.id, l] as const))(
    '%s: a lab with an hourly cost deletes itself when idle, and its cost column says so',
    (_, { idleCost, safety }) => {
      const hourly = /\/hour/.test(idleCost);
      expect(safety.idleDelete !== undefined).toBe(hourly);
      expect(/deletes itself/.test(idleCost)).toBe(hourly);
    },
  );

  test.each(LABS.map((l) => [l.id, guidePath(l)] as const))(
    '%s: the guide deploys through the preflight and cleans up with the leftovers check, and shows the plain CDK commands too',
    (id, guide) => {
      const text = fs.readFileSync(guide, 'utf8');
      const section = (name: string) => text.split(/^## /m).find((s) => s.startsWith(`${name}\n`)) ?? '';
      expect(section('Deploy')).toContain(`npm run lab -- ${id} deploy \${LEARNER:+--learner} $LEARNER`);
      expect(section('Deploy')).toContain('npx cdk deploy ${LEARNER:+--context=learner=$LEARNER} "$STACK"');
      expect(section('Clean-up')).toContain(`npm run lab -- ${id} destroy \${LEARNER:+--learner} $LEARNER`);
      expect(section('Clean-up')).toContain(`npm run lab -- ${id} leftovers \${LEARNER:+--learner} $LEARNER`);
    },
  );

  test("lab 03's instance types are the stack's", () => {
    const types = (findLab('sagemaker-private').safety.preflight.sagemaker ?? []).map((s) => `${s.usage} ${s.instanceType}`);
    expect(types).toEqual([`training ${TRAINING_INSTANCE_TYPE}`, `endpoint ${HOSTING_INSTANCE_TYPE}`]);
  });

  test('name templates spell names as LabStack.uniqueName does, for a learner copy and the default one', () => {
    const lab = LABS[0];
    for (const learner of ['alice', undefined]) {
      const stack = new NamesOnly(app, learner ? `${learner}-${lab.stackId}` : lab.stackId, { lab, learner });
      const copy = { stackName: stack.stackName, learner };
      expect(labName('{stack_snake}_beehives', copy)).toBe(stack.uniqueName('beehives', { style: 'snake', maxLength: 255 }));
      expect(labName('{stack-kebab}-workgroup', copy)).toBe(stack.uniqueName('workgroup', { style: 'kebab', maxLength: 128 }));
      expect(labName('{learner-}l05-tune', copy)).toBe(learner ? 'alice-l05-tune' : 'l05-tune');
      expect(labName('/aws/lambda/{stack}-', copy)).toBe(`/aws/lambda/${stack.stackName}-`);
      // Lab 06's stack names its knowledge base, guardrail and vector bucket with these suffixes (lib/labs/bedrock-rag/stack.ts).
      const { knowledgeBases, guardrails, vectorBuckets } = findLab('bedrock-rag').safety.leftovers;
      const rag = new NamesOnly(app, learner ? `${learner}-Lab06BedrockRag` : 'Lab06BedrockRag', { lab: findLab('bedrock-rag'), learner });
      const ragCopy = { stackName: rag.stackName, learner };
      expect([...(knowledgeBases ?? []), ...(guardrails ?? []), ...(vectorBuckets ?? [])].map((t) => labName(t, ragCopy))).toEqual([
        rag.uniqueName('kb', { style: 'kebab', maxLength: 100 }),
        rag.uniqueName('guardrail', { style: 'kebab', maxLength: 50 }),
        rag.uniqueName('vectors', { style: 'kebab', maxLength: 63 }),
      ]);
    }
  });
});
