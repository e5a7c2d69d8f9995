import { KitConfigError, readKitConfig } from '../../../lib/config';
import { LABS } from '../../../lib/labs';
import { CHUNKING_CONFIGURATIONS, CHUNKING_STRATEGIES } from '../../../lib/labs/bedrock-rag/chunking';
import { EMBEDDING_MODEL, modelsFor, SUPPORTED_REGIONS } from '../../../lib/labs/bedrock-rag/models';

const env = { CDK_DEFAULT_REGION: 'us-east-1' };

describe('-c chunking', () => {
  test.each(CHUNKING_STRATEGIES.map((s) => [s]))('-c chunking=%s is accepted', (strategy) => {
    expect(() => readKitConfig({ chunking: strategy, lab: 'bedrock-rag' }, env, LABS)).not.toThrow();
  });

  test('a strategy that does not exist stops synth with the three that do', () => {
    expect(() => readKitConfig({ chunking: 'sentences' }, env, LABS)).toThrow(KitConfigError);
    expect(() => readKitConfig({ chunking: 'sentences' }, env, LABS)).toThrow(
      '-c chunking="sentences" is not allowed: use one of fixed, hierarchical, semantic.',
    );
  });

  test('each strategy maps to its own CloudFormation chunking configuration', () => {
    expect(Object.fromEntries(CHUNKING_STRATEGIES.map((s) => [s, CHUNKING_CONFIGURATIONS[s].chunkingStrategy]))).toEqual({
      fixed: 'FIXED_SIZE',
      hierarchical: 'HIERARCHICAL',
      semantic: 'SEMANTIC',
    });
    expect(CHUNKING_CONFIGURATIONS.hierarchical.hierarchicalChunkingConfiguration?.levelConfigurations).toEqual([{ maxTokens: 300 }, { maxTokens: 60 }]);
    expect(CHUNKING_CONFIGURATIONS.semantic.semanticChunkingConfiguration).toEqual({ maxTokens: 120, bufferSize: 0, breakpointPercentileThreshold: 95 });
  });
});

describe('models and Regions', () => {
  test('an unsupported Region is a KitConfigError that lists the supported ones', () => {
    expect(() => modelsFor('ap-south-2')).toThrow(KitConfigError);
    expect(() => modelsFor('ap-south-2')).toThrow(/not available in Region "ap-south-2".*Deploy it to one of: us-east-1, us-west-2, eu-central-1/s);
  });

  test('every supported Region uses the inference profile of its geography, and the index fits the embedding model', () => {
    for (const [region, models] of Object.entries(SUPPORTED_REGIONS)) {
      const geography = region.split('-')[0];
      expect([region, models.textInferenceProfile]).toEqual([region, `${geography}.amazon.nova-micro-v1:0`]);
      expect(models.destinationRegions).toContain(region);
    }
    expect(EMBEDDING_MODEL).toMatchObject({ id: 'amazon.titan-embed-text-v2:0', dimensions: 1024, distanceMetric: 'cosine' });
  });
});
