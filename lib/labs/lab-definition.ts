/**
 * What the kit knows about one lab, as one exported definition in the lab's own folder
 * (`lib/labs/<lab>/lab.ts`): its catalogue entry, exam mapping, Regions, the `-c` options it reads, its
 * preflight and leftovers data, the evidence for its guide's controls, its call table, its outputs, and the
 * factory of its stack. `lib/labs/index.ts` is the one list of labs; general modules (safety, posture, options,
 * config, synthesize) take definitions as arguments and import no lab folder.
 *
 * No aws-cdk-lib import: lab scripts and docs checks read definitions cheaply. A definition loads its stack
 * module (and with it aws-cdk-lib) only when `createStack` is called.
 */
import type { Construct } from 'constructs';
import type { ContextOption } from '../context-options';
import type { ControlEvidence } from '../posture/controls/evidence';
import type { LabSafety } from '../safety/lab-safety';
import type { CallTable } from './call-table';
import type { LabInfo } from './lab-info';
import type { LabStack, LabStackProps } from './lab-stack';
import type { LabRegions } from './regions';

export interface LabDefinition extends LabInfo {
  /** Where the lab can be built; undefined when every Region can. */
  readonly regions?: LabRegions;
  /** The `-c` options the lab reads besides the kit's own (`learner`, `lab`). */
  readonly options?: readonly ContextOption<unknown>[];
  /** What its preflight checks and its leftovers scan looks for. */
  readonly safety: LabSafety;
  /** Where each control of its guide's security table shows in its posture. */
  readonly evidence: ControlEvidence;
  /** The AWS requests it depends on, evaluated against its synthesized policies. */
  readonly calls: CallTable;
  /** Its stack outputs by purpose, shared by the stack and its scripts. */
  readonly outputs?: Readonly<Record<string, string>>;
  /** Builds the lab's stack (loads the stack module on first use). */
  readonly createStack: (scope: Construct, id: string, props: LabStackProps) => LabStack;
}
