import {
  AthenaClient,
  BatchGetNamedQueryCommand,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  ListNamedQueriesCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  EntityNotFoundException,
  GetCrawlerCommand,
  GetPartitionsCommand,
  GetTableCommand,
  GetTablesCommand,
  GlueClient,
} from '@aws-sdk/client-glue';
import { mockClient } from 'aws-sdk-client-mock';
import { LabScriptError } from '../../../labs/shared/stack-outputs';
import { createdTable, verifyDataLake } from '../../../labs/01-data-lake/verify';
import { labQueries } from '../../../lib/labs/data-lake/named-queries';
import { DATA_LAKE_OUTPUTS } from '../../../lib/labs/data-lake/outputs';

const cloudFormation = mockClient(CloudFormationClient);
const glue = mockClient(GlueClient);
const athena = mockClient(AthenaClient);
const clients = { cloudFormation: new CloudFormationClient({}), glue: new GlueClient({}), athena: new AthenaClient({}) };

const STACK = 'Lab01DataLake';
const DATABASE = 'lab01datalake_beehives';
const WORKGROUP = 'lab01datalake-workgroup';
const CRAWLER = 'Crawler8C39B76C-abc123';
const notFound = () => new EntityNotFoundException({ message: 'Entity Not Found', $metadata: {} });

let lines: string[];
const options = { log: (line: string) => lines.push(line), sleep: () => Promise.resolve() };

function deployedStack() {
  cloudFormation.on(DescribeStacksCommand, { StackName: STACK }).resolves({
    Stacks: [
      {
        StackName: STACK,
        StackStatus: 'CREATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: [
          { OutputKey: DATA_LAKE_OUTPUTS.database, OutputValue: DATABASE },
          { OutputKey: DATA_LAKE_OUTPUTS.workGroup, OutputValue: WORKGROUP },
          { OutputKey: DATA_LAKE_OUTPUTS.crawler, OutputValue: CRAWLER },
        ],
      },
    ],
  });
}

function crawledTables() {
  glue
    .on(GetCrawlerCommand)
    .resolvesOnce({ Crawler: { Name: CRAWLER, State: 'RUNNING' } })
    .resolves({ Crawler: { Name: CRAWLER, State: 'READY', LastCrawl: { Status: 'SUCCEEDED', StartTime: new Date() } } });
  glue.on(GetTablesCommand, { DatabaseName: DATABASE }).resolves({
    TableList: [
      { Name: 'hives', Parameters: { classification: 'csv' }, StorageDescriptor: { Columns: [{ Name: 'hive_id' }] } },
      {
        Name: 'inspections',
        Parameters: { classification: 'json' },
        StorageDescriptor: { Columns: [{ Name: 'hive_id' }, { Name: 'outcome' }] },
        PartitionKeys: [{ Name: 'year', Type: 'string' }],
      },
    ],
  });
  glue.on(GetPartitionsCommand).resolves({ Partitions: [{ Values: ['2024'] }, { Values: ['2025'] }] });
  glue.on(GetTableCommand).rejects(notFound());
}

function savedQueries() {
  const queries = labQueries();
  athena.on(ListNamedQueriesCommand, { WorkGroup: WORKGROUP }).resolves({ NamedQueryIds: queries.map((q) => `id-${q.name}`) });
  athena.on(BatchGetNamedQueryCommand).resolves({
    NamedQueries: queries.map((q) => ({
      Name: q.name,
      Description: q.description,
      Database: DATABASE,
      QueryString: q.sql,
      WorkGroup: WORKGROUP,
      NamedQueryId: `id-${q.name}`,
    })),
  });
}

function queriesSucceed() {
  athena.on(StartQueryExecutionCommand).callsFake((input: { QueryString: string }) => ({
    QueryExecutionId: `exec-${labQueries().findIndex((q) => q.sql === input.QueryString)}`,
  }));
  athena
    .on(GetQueryExecutionCommand)
    .resolvesOnce({ QueryExecution: { Status: { State: 'RUNNING' } } })
    .resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' }, Statistics: { DataScannedInBytes: 20_480 } } });
  athena.on(GetQueryResultsCommand).resolves({
    ResultSet: {
      ResultSetMetadata: { ColumnInfo: [{ Name: 'outcome', Type: 'varchar' }, { Name: 'inspections', Type: 'bigint' }] },
      Rows: [
        { Data: [{ VarCharValue: 'outcome' }, { VarCharValue: 'inspections' }] },
        { Data: [{ VarCharValue: 'healthy' }, { VarCharValue: '359' }] },
        { Data: [{ VarCharValue: 'lost' }, { VarCharValue: '39' }] },
      ],
    },
  });
}

beforeEach(() => {
  cloudFormation.reset();
  glue.reset();
  athena.reset();
  lines = [];
});

test('success: checks the crawler and tables, runs every saved query in file order and prints results', async () => {
  deployedStack();
  crawledTables();
  savedQueries();
  queriesSucceed();

  const reports = await verifyDataLake(clients, STACK, options);

  expect(reports.map((r) => [r.query, r.state, r.rows, r.scannedBytes])).toEqual(
    labQueries().map((q) => [q.name, 'SUCCEEDED', 2, 20_480]),
  );
  const started = athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input);
  expect(started).toEqual(
    labQueries().map((q) => ({ QueryString: q.sql, QueryExecutionContext: { Database: DATABASE }, WorkGroup: WORKGROUP })),
  );
  const output = lines.join('\n');
  expect(output).toContain('✔ Crawler Crawler8C39B76C-abc123: last run SUCCEEDED');
  expect(output).toMatch(/inspections\s+json\s+2\s+year:string\s+2/);
  expect(output).toMatch(/healthy\s+359/);
  expect(output).toContain('data scanned: 20.0 KB');
  expect(output).toContain('… crawler Crawler8C39B76C-abc123: state RUNNING');
});

test('success: the CTAS query is skipped when its table exists from an earlier run', async () => {
  deployedStack();
  crawledTables();
  glue.on(GetTableCommand, { DatabaseName: DATABASE, Name: 'curated_inspections' }).resolves({ Table: { Name: 'curated_inspections' } });
  savedQueries();
  queriesSucceed();

  const reports = await verifyDataLake(clients, STACK, options);

  expect(reports.find((r) => r.query === 'create_curated_inspections')?.state).toBe('SKIPPED');
  expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(labQueries().length - 1);
});

test('crawler failed: says why and how to rerun it, and runs no query', async () => {
  deployedStack();
  glue.on(GetCrawlerCommand).resolves({
    Crawler: {
      Name: CRAWLER,
      State: 'READY',
      LastCrawl: { Status: 'FAILED', ErrorMessage: 'Access Denied', LogGroup: '/aws-glue/crawlers-role/x' },
    },
  });

  const result = verifyDataLake(clients, STACK, options);

  await expect(result).rejects.toThrow(LabScriptError);
  await expect(result).rejects.toThrow(
    `The last run of crawler ${CRAWLER} ended with status FAILED: Access Denied. Read its log (/aws-glue/crawlers-role/x)`,
  );
  expect(athena.calls()).toHaveLength(0);
});

test('query failed: names the query and gives Athena\'s reason', async () => {
  deployedStack();
  crawledTables();
  savedQueries();
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'exec-1' });
  athena.on(GetQueryExecutionCommand).resolves({
    QueryExecution: {
      Status: { State: 'FAILED', AthenaError: { ErrorMessage: "TABLE_NOT_FOUND: Table 'inspections' does not exist" } },
    },
  });

  await expect(verifyDataLake(clients, STACK, options)).rejects.toThrow(
    "Query preview_inspections FAILED (query id exec-1): TABLE_NOT_FOUND: Table 'inspections' does not exist.",
  );
});

test('stack missing: tells the learner to deploy it', async () => {
  cloudFormation.on(DescribeStacksCommand).rejects(new Error(`Stack with id alice-${STACK} does not exist`));

  await expect(verifyDataLake(clients, `alice-${STACK}`, options)).rejects.toThrow(
    `Stack alice-${STACK} is not deployed in this account and Region. Deploy it first: npx cdk deploy -c learner=alice alice-${STACK}. Learner copies`,
  );
  expect(glue.calls()).toHaveLength(0);
});

test('a saved query missing from the workgroup asks for a redeploy', async () => {
  deployedStack();
  crawledTables();
  athena.on(ListNamedQueriesCommand).resolves({ NamedQueryIds: [] });

  await expect(verifyDataLake(clients, STACK, options)).rejects.toThrow(
    /has no saved query preview_inspections, .*redeploy the stack/,
  );
});

test('the CTAS table is found from the query text', () => {
  expect(labQueries().map((q) => createdTable(q.sql)).filter(Boolean)).toEqual(['curated_inspections']);
  expect(createdTable('create table if not exists t2 AS SELECT 1')).toBe('t2');
  expect(createdTable('SELECT * FROM created_tables')).toBeUndefined();
});
