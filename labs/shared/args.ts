import { stackName } from '../../lib/config';
import { LEARNER_PATTERN } from '../../lib/context-options';
import { findLab } from '../../lib/labs/catalog';

export interface LabArgs {
  /** The deployed stack's name, with the learner prefix if `--learner` was given. */
  readonly stackName: string;
  /** `--name value` options other than --learner. */
  readonly options: Record<string, string>;
}

/** Parses `--learner alice --count 100` style arguments of a lab script. */
export function parseLabArgs(labId: string, argv: readonly string[]): LabArgs {
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z][a-z-]*)$/.exec(argv[i]);
    const value = argv[i + 1];
    if (!match || value === undefined || value.startsWith('--')) {
      throw new Error(`Unexpected argument "${argv[i]}": options are written --name value.`);
    }
    options[match[1]] = value;
    i++;
  }
  const { learner, ...rest } = options;
  if (learner !== undefined && !LEARNER_PATTERN.test(learner)) {
    throw new Error(
      `--learner ${JSON.stringify(learner)} is not a learner name: use the name you deployed with -c learner=<name> ` +
        '(1-16 lowercase letters or digits, starting with a letter).',
    );
  }
  return { stackName: stackName(findLab(labId), learner), options: rest };
}
