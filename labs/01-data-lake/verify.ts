/**
 * Checks a deployed Lab 01 end to end: `npm run lab -- data-lake verify [--learner alice]`.
 * 1. reads the stack outputs; 2. checks the crawler's last run and the tables it created; 3. runs each
 * saved query of the lab's workgroup, in the order of queries.sql, and prints its results and the data
 * it scanned. Fails with a message that says what to do when something is missing or a query fails.
 */
import {
  AthenaClient,
  BatchGetNamedQueryCommand,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  ListNamedQueriesCommand,
  type NamedQuery as AthenaNamedQuery,
  type QueryExecution,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import {
  EntityNotFoundException,
  GetCrawlerCommand,
  GetPartitionsCommand,
  GetTableCommand,
  GetTablesCommand,
  GlueClient,
} from '@aws-sdk/client-glue';
import { labQueries, type NamedQuery } from '../../lib/labs/data-lake/named-queries';
import { CRAWLED_TABLES, DATA_LAKE_OUTPUTS } from '../../lib/labs/data-lake/outputs';
import { findLab } from '../../lib/labs';
import { parseScriptArgs, type ScriptSpec } from '../shared/args';
import { scriptAwsConfig } from '../shared/aws';
import { poll } from '../shared/poll';
import { LabScriptError, readStackOutputs, requireOutput } from '../shared/stack-outputs';
import { formatTable } from '../shared/table';

export interface Clients {
  readonly cloudFormation: CloudFormationClient;
  readonly glue: GlueClient;
  readonly athena: AthenaClient;
}

export interface VerifyOptions {
  readonly log?: (line: string) => void;
  /** Injected in tests so that polling does not wait. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Rows of each query's result to print. @default 10 */
  readonly maxRows?: number;
}

/** One saved query's run, for the summary. */
export interface QueryReport {
  readonly query: string;
  readonly state: string;
  readonly rows: number;
  readonly scannedBytes: number;
}

interface Lab {
  readonly database: string;
  readonly workGroup: string;
  readonly crawler: string;
}

export async function verifyDataLake(
  clients: Clients,
  stackName: string,
  options: VerifyOptions = {},
): Promise<QueryReport[]> {
  const log = options.log ?? console.log;
  const outputs = await readStackOutputs(clients.cloudFormation, stackName);
  const lab: Lab = {
    database: requireOutput(outputs, DATA_LAKE_OUTPUTS.database),
    workGroup: requireOutput(outputs, DATA_LAKE_OUTPUTS.workGroup),
    crawler: requireOutput(outputs, DATA_LAKE_OUTPUTS.crawler),
  };
  log(`Stack ${stackName}: database ${lab.database}, workgroup ${lab.workGroup}, crawler ${lab.crawler}\n`);

  await checkCrawler(clients.glue, lab, { ...options, log });
  await checkTables(clients.glue, lab, log);

  const queries = await savedQueries(clients.athena, lab.workGroup);
  const reports: QueryReport[] = [];
  for (const query of queries) {
    const created = createdTable(query.sql);
    if (created && (await tableExists(clients.glue, lab.database, created))) {
      log(`\n▶ ${query.name}: skipped, table ${created} exists already (created by an earlier run).`);
      reports.push({ query: query.name, state: 'SKIPPED', rows: 0, scannedBytes: 0 });
      continue;
    }
    reports.push(await runQuery(clients.athena, lab, query, { ...options, log }));
  }
  const summary = reports.map((r) => ({ query: r.query, state: r.state, rows: r.rows, scanned: formatBytes(r.scannedBytes) }));
  log(`\nSummary\n${formatTable(summary)}`);
  log(`\n✔ Lab 01 works: the crawler's tables exist and every saved query ran in workgroup ${lab.workGroup}.`);
  return reports;
}

async function checkCrawler(glue: GlueClient, lab: Lab, options: VerifyOptions & { log: (l: string) => void }) {
  const crawler = await poll({
    what: `crawler ${lab.crawler}`,
    read: async () => (await glue.send(new GetCrawlerCommand({ Name: lab.crawler }))).Crawler,
    done: (c) => c?.State === 'READY',
    describe: (c) => `state ${c?.State ?? 'unknown'}`,
    intervalMs: 10_000,
    timeoutMs: 15 * 60_000,
    log: options.log,
    sleep: options.sleep,
  });
  const last = crawler?.LastCrawl;
  if (last?.Status !== 'SUCCEEDED') {
    throw new LabScriptError(
      `The last run of crawler ${lab.crawler} ended with status ${last?.Status ?? 'none'}: ` +
        `${last?.ErrorMessage ?? 'no error message'}. Read its log (${last?.LogGroup ?? 'CrawlerConsoleUrl output'}), ` +
        `fix the cause and run it again: aws glue start-crawler --name ${lab.crawler}`,
    );
  }
  options.log(`✔ Crawler ${lab.crawler}: last run SUCCEEDED (started ${last.StartTime?.toISOString() ?? '?'})`);
}

async function checkTables(glue: GlueClient, lab: Lab, log: (l: string) => void) {
  const { TableList: tables = [] } = await glue.send(new GetTablesCommand({ DatabaseName: lab.database }));
  const missing = CRAWLED_TABLES.filter((name) => !tables.some((t) => t.Name === name));
  if (missing.length > 0) {
    throw new LabScriptError(
      `Database ${lab.database} has no table ${missing.join(', ')}. The crawler creates them from the sample ` +
        `data under raw/ in the raw-data bucket; check that the data is there and run the crawler again.`,
    );
  }
  const rows = [];
  for (const table of tables) {
    const partitioned = (table.PartitionKeys ?? []).length > 0;
    const partitions = partitioned
      ? ((await glue.send(new GetPartitionsCommand({ DatabaseName: lab.database, TableName: table.Name })))
          .Partitions ?? []).length
      : undefined;
    rows.push({
      table: table.Name,
      format: table.Parameters?.classification ?? '?',
      columns: table.StorageDescriptor?.Columns?.length ?? 0,
      'partition keys': (table.PartitionKeys ?? []).map((k) => `${k.Name}:${k.Type}`).join(', ') || '-',
      partitions: partitions ?? '-',
    });
  }
  log(`✔ Tables in ${lab.database}\n${formatTable(rows)}`);
}

/** The workgroup's saved queries, in the order of queries.sql; fails if one is missing. */
async function savedQueries(athena: AthenaClient, workGroup: string): Promise<NamedQuery[]> {
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await athena.send(new ListNamedQueriesCommand({ WorkGroup: workGroup, NextToken: nextToken }));
    ids.push(...(page.NamedQueryIds ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  const saved: AthenaNamedQuery[] = [];
  for (let i = 0; i < ids.length; i += 50) {
    const batch = await athena.send(new BatchGetNamedQueryCommand({ NamedQueryIds: ids.slice(i, i + 50) }));
    saved.push(...(batch.NamedQueries ?? []));
  }
  const expected = labQueries();
  const missing = expected.filter((q) => !saved.some((s) => s.Name === q.name));
  if (missing.length > 0) {
    throw new LabScriptError(
      `Workgroup ${workGroup} has no saved query ${missing.map((q) => q.name).join(', ')}; ` +
        'redeploy the stack with this version of queries.sql.',
    );
  }
  return expected.map((q) => {
    const found = saved.find((s) => s.Name === q.name);
    return { name: q.name, description: found?.Description ?? q.description, sql: found?.QueryString ?? q.sql };
  });
}

/** The table a CTAS query creates, or undefined for other queries. */
export function createdTable(sql: string): string | undefined {
  return /^CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)/i.exec(sql)?.[1];
}

async function tableExists(glue: GlueClient, database: string, table: string): Promise<boolean> {
  try {
    await glue.send(new GetTableCommand({ DatabaseName: database, Name: table }));
    return true;
  } catch (e) {
    if (e instanceof EntityNotFoundException) {
      return false;
    }
    throw e;
  }
}

async function runQuery(
  athena: AthenaClient,
  lab: Lab,
  query: NamedQuery,
  options: VerifyOptions & { log: (l: string) => void },
): Promise<QueryReport> {
  options.log(`\n▶ ${query.name}: ${query.description}`);
  const { QueryExecutionId: id } = await athena.send(
    new StartQueryExecutionCommand({
      QueryString: query.sql,
      QueryExecutionContext: { Database: lab.database },
      WorkGroup: lab.workGroup,
    }),
  );
  const execution: QueryExecution | undefined = await poll({
    what: `query ${query.name}`,
    read: async () => (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution,
    done: (e) => ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(e?.Status?.State ?? ''),
    describe: (e) => (e?.Status?.State ?? 'unknown').toLowerCase(),
    intervalMs: 2_000,
    timeoutMs: 5 * 60_000,
    log: options.log,
    sleep: options.sleep,
  });
  const state = execution?.Status?.State ?? 'unknown';
  if (state !== 'SUCCEEDED') {
    const reason = execution?.Status?.AthenaError?.ErrorMessage ?? execution?.Status?.StateChangeReason ?? 'no reason given';
    throw new LabScriptError(
      `Query ${query.name} ${state} (query id ${id ?? '?'}): ${reason}. ` +
        `Open it in the Athena console (workgroup ${lab.workGroup}, Recent queries) to see the details.`,
    );
  }
  const { ResultSet: results } = await athena.send(
    new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: (options.maxRows ?? 10) + 1 }),
  );
  const columns = (results?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? '');
  let rows = (results?.Rows ?? []).map((r) => (r.Data ?? []).map((d) => d.VarCharValue));
  // The first row of a SELECT's results repeats the column names.
  if (rows.length > 0 && rows[0].every((value, i) => value === columns[i])) {
    rows = rows.slice(1);
  }
  const table = rows.map((values) => Object.fromEntries(columns.map((c, i) => [c, values[i]])));
  const scannedBytes = execution?.Statistics?.DataScannedInBytes ?? 0;
  options.log(formatTable(table));
  options.log(`  data scanned: ${formatBytes(scannedBytes)}, engine time: ${execution?.Statistics?.EngineExecutionTimeInMillis ?? '?'} ms`);
  return { query: query.name, state, rows: rows.length, scannedBytes };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const SCRIPT: ScriptSpec = {
  script: 'verify',
  summary: 'Checks the deployed lab end to end: the crawler\'s last run and tables, then runs each saved Athena query and prints its results and the data it scanned.',
  learner: true,
  example: '--learner alice',
};

export async function main(argv: string[]): Promise<void> {
  const { stackName } = parseScriptArgs(findLab('data-lake'), SCRIPT, argv);
  const aws = await scriptAwsConfig();
  await verifyDataLake({ cloudFormation: new CloudFormationClient(aws), glue: new GlueClient(aws), athena: new AthenaClient(aws) }, stackName);
}
