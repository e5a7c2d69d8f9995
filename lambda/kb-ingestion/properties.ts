/**
 * The contract between the stack and the knowledge-base ingestion custom resource: its properties
 * (CloudFormation passes every value as a string) and the data it returns. No aws-cdk-lib import.
 */

export interface IngestionProperties {
  readonly KnowledgeBaseId: string;
  readonly DataSourceId: string;
  /** How long the ingestion job may take before it is stopped and the deployment fails, in seconds. */
  readonly TimeoutSeconds: string;
  /** Not read by the handler: a new value (a changed corpus) updates the resource, which ingests again. */
  readonly CorpusVersion?: string;
}

/** Returned by onEvent and passed to every isComplete call (the Provider framework merges it in). */
export interface IngestionData {
  readonly KnowledgeBaseId: string;
  readonly DataSourceId: string;
  /** The ingestion job onEvent started; empty on delete. */
  readonly IngestionJobId: string;
  /** When onEvent started the job (ISO 8601). */
  readonly RequestedAt: string;
}
