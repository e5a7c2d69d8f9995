import type { SafeRolloutStack } from '../../../lib/labs/safe-rollout/stack';
import { logicalId, resourcesOfType, synthLab } from '../../helpers/synth';

// One synth with both options that change the template: the shadow experiment and the broken release.
const lab = synthLab('safe-rollout', { validations: false, context: { experiment: 'shadow', release: 'broken' } });
const stack = lab.stack as SafeRolloutStack;
const config = () => lab.json.Resources[logicalId(stack.endpointConfig)].Properties ?? {};
const modelName = (construct: Parameters<typeof logicalId>[0]) => ({ 'Fn::GetAtt': [logicalId(construct), 'ModelName'] });

test('-c experiment=shadow: one production variant and the challenger as the shadow, as SageMaker allows', () => {
  expect(config().ProductionVariants).toEqual([expect.objectContaining({ VariantName: 'Champion', InitialVariantWeight: 1 })]);
  expect(config().ShadowProductionVariants).toEqual([expect.objectContaining({ VariantName: 'Shadow', ModelName: modelName(stack.models.challenger) })]);
});

test('-c release=broken: the champion variant serves a model trained on three features, from its own prefix', () => {
  expect(stack.models.broken).toBeDefined();
  expect(config().ProductionVariants).toEqual([expect.objectContaining({ ModelName: modelName(stack.models.broken!) })]);
  const broken = stack.trainingJobs.find((j) => j.node.id === 'BrokenTraining');
  const request = stack.resolve(broken?.request) as { InputDataConfig: { ChannelName: string; DataSource: { S3DataSource: { S3Uri: unknown } } }[] };
  expect(request.InputDataConfig.map((c) => c.ChannelName)).toEqual(['train']);
  expect(JSON.stringify(request.InputDataConfig[0].DataSource.S3DataSource.S3Uri)).toContain('broken-input/train/');
});

test('the broken model and its job are deleted before the ENI cleanup runs', () => {
  const [[cleanupId]] = resourcesOfType(lab, 'Custom::SageMakerEniCleanup');
  for (const id of [logicalId(stack.models.broken!), stack.trainingJobs.map((j) => logicalId(j.customResource)).find((i) => i.startsWith('BrokenTraining'))!]) {
    expect({ id, dependsOn: [lab.json.Resources[id].DependsOn ?? []].flat() }).toEqual({ id, dependsOn: expect.arrayContaining([cleanupId]) });
  }
  expect(lab.warnings).toEqual([]);
});
