/** The ENI-cleanup custom resource's properties, shared by the stack and the handlers. */
export interface EniCleanupProperties {
  /** The security group SageMaker attaches to the network interfaces it creates. */
  readonly SecurityGroupId: string;
  readonly VpcId: string;
}
