/** The ENI-cleanup decisions, as pure functions tested without AWS. */
import type { NetworkInterface } from '@aws-sdk/client-ec2';
import type { EniCleanupProperties } from './properties';

export interface CleanupPlan {
  /** Detached interfaces, which can be deleted now. */
  readonly deletable: readonly string[];
  /** Interfaces still attached (SageMaker is releasing them), to wait for. */
  readonly attached: readonly string[];
}

/** Splits the interfaces left in the security group into those to delete now and those to wait for. */
export function planCleanup(interfaces: readonly NetworkInterface[]): CleanupPlan {
  const ids = (status: (s: string | undefined) => boolean) =>
    interfaces.filter((i) => status(i.Status) && i.NetworkInterfaceId).map((i) => i.NetworkInterfaceId as string);
  return {
    deletable: ids((s) => s === 'available'),
    attached: ids((s) => s !== 'available'),
  };
}

export function parseProperties(raw: Record<string, unknown>): EniCleanupProperties {
  const { SecurityGroupId, VpcId } = raw;
  if (typeof SecurityGroupId !== 'string' || typeof VpcId !== 'string') {
    throw new Error('The ENI-cleanup resource needs the properties SecurityGroupId and VpcId.');
  }
  return { SecurityGroupId, VpcId };
}

/** The physical id: one cleanup per security group. */
export function physicalId(props: EniCleanupProperties): string {
  return `eni-cleanup-${props.SecurityGroupId}`;
}

/** True when EC2 says the interface is already gone. */
export function isGone(e: unknown): boolean {
  return e instanceof Error && e.name === 'InvalidNetworkInterfaceID.NotFound';
}
