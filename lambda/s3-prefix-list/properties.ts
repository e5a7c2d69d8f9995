/** The S3 prefix-list custom resource's properties and attributes, shared by the stack and the handler. */
export interface S3PrefixListProperties {
  /** The AWS-managed prefix list's name: the S3 endpoint service name, e.g. com.amazonaws.eu-west-1.s3. */
  readonly PrefixListName: string;
}

export interface S3PrefixListAttributes {
  /** pl-…, for security-group rules. */
  readonly PrefixListId: string;
}
