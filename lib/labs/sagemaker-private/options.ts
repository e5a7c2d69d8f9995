/** The `-c` options only lab 03 reads (no aws-cdk-lib import). `-c idleHours` is IdleStackDelete's (lib/safety/idle.ts). */
import { flag } from '../../context-options';

export const INTERFACE_ENDPOINTS = flag(
  'interfaceEndpoints',
  'Adds PrivateLink endpoints for the SageMaker API and runtime, STS and CloudWatch Logs to the private VPC: 4 endpoints in 2 Availability Zones, about $0.08/hour more in us-east-1 ($0.01 per endpoint and AZ-hour, plus $0.01/GB).',
);
