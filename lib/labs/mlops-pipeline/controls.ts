/** Lab 07: where each control of labs/07-mlops-pipeline/GUIDE.md shows in the lab's posture. */
import { COMMON_EVIDENCE, type ControlEvidence } from '../../posture/controls/evidence';

export const MLOPS_EVIDENCE: ControlEvidence = {
  'no resource is retained on destroy': COMMON_EVIDENCE['no resource is retained on destroy'],
  'cdk-nag and guard find nothing unacknowledged': COMMON_EVIDENCE['cdk-nag and Control Tower guard pass with acknowledged exceptions only'],
};
