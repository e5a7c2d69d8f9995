import { CustomResource, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { CrawlerRunProperties } from '../../../lambda/crawler-run/properties';
import { LabFunction } from '../../constructs/lab-function';
import { LabProvider } from '../../constructs/lab-provider';
import { acknowledgeFunctionOutsideVpc } from '../../validation/acknowledgements';
import type { LakeCrawler } from './lake-crawler';

export interface CrawlerRunProps {
  readonly crawler: LakeCrawler;
  readonly encryptionKey: kms.IKey;
  /**
   * How long the crawl may take; then it is stopped and the deployment fails.
   * @default 15 minutes (the sample data takes one to two)
   */
  readonly timeout?: Duration;
  /**
   * A value that identifies the version of the crawled data: when it changes, the next deployment
   * crawls again.
   * @default - crawl only when the resource is created or its other properties change
   */
  readonly sourceVersion?: string;
}

/**
 * Runs a crawler once during `cdk deploy` and waits for it, so the tables exist when the deployment
 * ends: an asynchronous custom resource (onEvent starts the crawl, isComplete polls it). A failed crawl
 * fails the deployment with Glue's error message. Every update of the resource (such as a new
 * `sourceVersion`) crawls again; delete stops a running crawl so that CloudFormation can delete the crawler.
 */
export class CrawlerRun extends Construct {
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: CrawlerRunProps) {
    super(scope, id);
    const timeout = props.timeout ?? Duration.minutes(15);
    const { crawlerArn, crawlerName } = props.crawler;

    const onEvent = new LabFunction(this, 'OnEvent', {
      entry: 'lambda/crawler-run/on-event.ts',
      description: 'Starts the lab Glue crawler during deployment; stops it on delete',
      encryptionKey: props.encryptionKey,
    });
    onEvent.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['glue:StartCrawler', 'glue:StopCrawler'], resources: [crawlerArn] }),
    );
    const isComplete = new LabFunction(this, 'IsComplete', {
      entry: 'lambda/crawler-run/is-complete.ts',
      description: 'Reports whether the lab Glue crawl has finished, and how',
      encryptionKey: props.encryptionKey,
    });
    isComplete.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['glue:GetCrawler', 'glue:StopCrawler'], resources: [crawlerArn] }),
    );
    for (const fn of [onEvent, isComplete]) {
      acknowledgeFunctionOutsideVpc(fn, 'the Glue API (StartCrawler, GetCrawler, StopCrawler)');
    }

    const provider = new LabProvider(this, 'Provider', {
      onEvent,
      isComplete,
      encryptionKey: props.encryptionKey,
      queryInterval: Duration.seconds(15),
      // The handler stops the crawl at `timeout`; the framework's own limit is a backstop.
      totalTimeout: timeout.plus(Duration.minutes(5)),
    });
    const properties: CrawlerRunProperties = {
      CrawlerName: crawlerName,
      TimeoutSeconds: String(timeout.toSeconds()),
      SourceVersion: props.sourceVersion,
    };
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::GlueCrawlerRun',
      properties: { ...properties },
    });
    // Crawl only once the role can read and log (its policy is a separate resource), and delete this
    // resource (stopping a running crawl) before the crawler, its role and its log group.
    this.resource.node.addDependency(props.crawler.role, props.crawler.logGroup);
  }
}
