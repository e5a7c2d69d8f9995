import { CustomResource, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { IngestionProperties } from '../../../lambda/kb-ingestion/properties';
import { LabFunction } from '../../constructs/lab-function';
import { LabProvider } from '../../constructs/lab-provider';
import { acknowledgeFunctionOutsideVpc } from '../../validation/acknowledgements';
import type { KnowledgeBase } from './knowledge-base';

export interface IngestionProps {
  readonly knowledgeBase: KnowledgeBase;
  readonly encryptionKey: kms.IKey;
  /** A value that changes with the corpus (its object keys): a new value ingests again. */
  readonly corpusVersion: string;
  /** @default 20 minutes (the corpus of a few notes takes one to two) */
  readonly timeout?: Duration;
}

/**
 * Syncs the data source once during `cdk deploy` and waits for the ingestion job, so the knowledge base
 * answers when the deployment ends: onEvent starts the job, isComplete polls it, a failed job fails the
 * deployment with Bedrock's failure reasons. A changed corpus (or a new data source) ingests again;
 * delete stops a running job so the data source and the knowledge base can be deleted.
 */
export class Ingestion extends Construct {
  readonly resource: CustomResource;
  readonly onEvent: LabFunction;
  readonly isComplete: LabFunction;

  constructor(scope: Construct, id: string, props: IngestionProps) {
    super(scope, id);
    const timeout = props.timeout ?? Duration.minutes(20);
    const kb = props.knowledgeBase;

    this.onEvent = new LabFunction(this, 'OnEvent', {
      entry: 'lambda/kb-ingestion/on-event.ts',
      description: 'Starts the lab knowledge base ingestion job during deployment; stops running jobs on delete',
      encryptionKey: props.encryptionKey,
    });
    this.onEvent.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'StartAndStopThisKnowledgeBasesJobs',
        actions: ['bedrock:StartIngestionJob', 'bedrock:ListIngestionJobs', 'bedrock:StopIngestionJob'],
        resources: [kb.knowledgeBaseArn],
      }),
    );
    this.isComplete = new LabFunction(this, 'IsComplete', {
      entry: 'lambda/kb-ingestion/is-complete.ts',
      description: 'Reports whether the lab knowledge base ingestion job has finished, and how',
      encryptionKey: props.encryptionKey,
    });
    this.isComplete.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ReadAndStopThisKnowledgeBasesJobs',
        actions: ['bedrock:GetIngestionJob', 'bedrock:ListIngestionJobs', 'bedrock:StopIngestionJob'],
        resources: [kb.knowledgeBaseArn],
      }),
    );
    for (const fn of [this.onEvent, this.isComplete]) {
      acknowledgeFunctionOutsideVpc(fn, 'the Bedrock Agent API (StartIngestionJob, GetIngestionJob, ListIngestionJobs, StopIngestionJob)');
    }

    const provider = new LabProvider(this, 'Provider', {
      onEvent: this.onEvent,
      isComplete: this.isComplete,
      encryptionKey: props.encryptionKey,
      queryInterval: Duration.seconds(15),
      // The handler stops the job at `timeout`; the framework's own limit is a backstop.
      totalTimeout: timeout.plus(Duration.minutes(5)),
    });
    const properties: IngestionProperties = {
      KnowledgeBaseId: kb.knowledgeBaseId,
      DataSourceId: kb.dataSourceId,
      TimeoutSeconds: String(timeout.toSeconds()),
      CorpusVersion: props.corpusVersion,
    };
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::KnowledgeBaseIngestion',
      properties: { ...properties },
    });
    // Ingest only once the role can read and write (its policy is a separate resource).
    this.resource.node.addDependency(kb.role);
  }
}
