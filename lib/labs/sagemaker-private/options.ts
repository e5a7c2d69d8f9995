/** The `-c` options only lab 03 reads (no aws-cdk-lib import). `-c idleHours` is IdleStackDelete's (lib/safety/idle.ts). */
import { flag } from '../../context-options';

export const INTERFACE_ENDPOINTS = flag(
  'interfaceEndpoints',
  'Adds PrivateLink endpoints for the SageMaker API and runtime, STS and CloudWatch Logs to the private VPC (about $0.04/hour more).',
);
