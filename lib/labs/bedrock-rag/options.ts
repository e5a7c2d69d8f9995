/** The `-c` options only lab 06 reads (no aws-cdk-lib import). */
import { oneOf } from '../../context-options';
import { CHUNKING_STRATEGIES, DEFAULT_CHUNKING } from './chunking';

export const CHUNKING = oneOf('chunking', 'How the knowledge base\'s data source splits the corpus into chunks before embedding (a new strategy replaces the data source and ingests again).', {
  choices: CHUNKING_STRATEGIES,
  fallback: DEFAULT_CHUNKING,
});
