import { stackName } from '../../lib/config';
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
  return { stackName: stackName(findLab(labId), learner), options: rest };
}
