/**
 * Starts the lab pipeline with parameters and follows its steps: `npm run lab -- mlops-pipeline run-pipeline
 * [--threshold 0.75] [--maxDepth 4] [--numRound 50] [--learner alice]`. A value outside its range is refused
 * before anything starts.
 */
import { MLOPS_PIPELINE } from '../../lib/labs/mlops-pipeline/lab';
import { PARAMETERS } from '../../lib/labs/mlops-pipeline/settings';
import { parseScriptArgs, type ScriptSpec } from '../shared/args';
import { scriptClients } from './lib/clients';
import { labNames, runPipeline } from './lib/mlops';

const option = (p: (typeof PARAMETERS)['threshold' | 'maxDepth' | 'numRound'], placeholder: string) => ({
  description: `${p.name}: ${p.description}`,
  placeholder,
  min: p.min,
  max: p.max,
  integer: p.type === 'Integer',
  default: p.default,
});

export const SCRIPT: ScriptSpec = {
  script: 'run-pipeline',
  summary: 'Starts the lab SageMaker pipeline with the given parameters and prints each step as it runs, until the execution ends.',
  learner: true,
  options: {
    threshold: option(PARAMETERS.threshold, '<auc>'),
    maxDepth: option(PARAMETERS.maxDepth, '<depth>'),
    numRound: option(PARAMETERS.numRound, '<rounds>'),
  },
  example: '--threshold 0.8',
};

export async function main(argv: readonly string[]): Promise<void> {
  const { stackName, options } = parseScriptArgs(MLOPS_PIPELINE, SCRIPT, argv);
  const clients = await scriptClients();
  const final = await runPipeline(clients, await labNames(clients.cloudFormation, stackName), {
    threshold: options.threshold,
    maxDepth: options.maxDepth,
    numRound: options.numRound,
  });
  if (final.PipelineExecutionStatus !== 'Succeeded') process.exitCode = 1;
}
