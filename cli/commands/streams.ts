import { setTimeout as sleep } from 'node:timers/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { integer } from '../arguments.ts';
import { cliOf, type Cli } from '../context.ts';
import { inputLines, sendInBatches } from '../message-input.ts';
import { counted, type Output } from '../output.ts';
import { liveCounter } from '../progress.ts';
import { untilInterrupted } from '../signals.ts';

/** How long `tail` waits after a round of reads that found nothing new (reads do not long-poll). */
const TAIL_IDLE_MS = 1000;

/** A record as read or polled. */
interface ShownRecord {
  readonly partition: number;
  readonly offset: number;
  readonly key: string | null;
  readonly value: unknown;
}

/** A group's state as `groups` and describe show it. */
interface GroupState {
  readonly group: string;
  readonly lag: number | null;
  readonly generation: number;
  readonly members: readonly unknown[];
  readonly partitions: readonly { partition: number; committedOffset: number | null; highWatermark: number; lag: number | null }[];
}

export function streamCommands(program: Command): void {
  const streams = program.command('streams').description('partitioned logs with offsets and consumer groups (Kafka-style)');

  streams
    .command('ls')
    .description('list the streams')
    .action(async (_options, command: Command) => {
      const cli = cliOf(command);
      const streams = await (await cli.client()).streams.list();
      cli.out.table({ streams }, streams, [
        { header: 'NAME', value: (stream) => stream.name },
        { header: 'PARTITIONS', value: (stream) => stream.partitions },
        { header: 'RETENTION', value: (stream) => `${stream.retentionHours}h` },
        { header: 'CREATED', value: (stream) => stream.createdAt },
      ]);
    });

  streams
    .command('declare <name>')
    .description('declare a stream (idempotent; more partitions than before adds partitions)')
    .requiredOption('--partitions <n>', 'number of partitions', integer)
    .option('--retention-hours <h>', 'how long records are kept', integer)
    .action(async (name: string, options: { partitions: number; retentionHours?: number }, command: Command) => {
      const cli = cliOf(command);
      const settings = { partitions: options.partitions, ...(options.retentionHours !== undefined && { retentionHours: options.retentionHours }) };
      cli.out.fields(await (await cli.client()).stream(name).declare(settings));
    });

  streams
    .command('describe <name>')
    .description("a stream's settings and each partition's log start and high watermark")
    .action(async (name: string, _options, command: Command) => {
      const cli = cliOf(command);
      const { offsets, ...stream } = await (await cli.client()).stream(name).describe();
      cli.out.result({ ...stream, offsets }, () =>
        [
          cli.out.formatFields(stream),
          cli.out.formatTable(offsets, [
            { header: 'PARTITION', value: (offset) => offset.partition },
            { header: 'LOG START', value: (offset) => offset.logStartOffset },
            { header: 'HIGH WATERMARK', value: (offset) => offset.highWatermark },
          ]),
        ].join('\n'),
      );
    });

  streams
    .command('delete <name>')
    .description('delete a stream with its records and groups')
    .action(async (name: string, _options, command: Command) => {
      const cli = cliOf(command);
      await (await cli.client()).stream(name).delete();
      cli.out.result({ deleted: name }, () => `deleted stream ${name}`);
    });

  streams
    .command('produce <name>')
    .description('produce records: NDJSON from --file or stdin, one record per line as the API takes it ({"key": …, "value": …}), 100 per request; or one --value')
    .option('--file <path>', 'NDJSON file of records')
    .option('--value <json>', 'produce one record with this value (JSON, else a string)')
    .option('--key <key>', 'the key of the --value record')
    .action(async (name: string, options: { file?: string; value?: string; key?: string }, command: Command) => {
      const cli = cliOf(command);
      const stream = (await cli.client()).stream(name);
      const lines = inputLines({ body: options.value, file: options.file }, (value) => ({ value, ...(options.key !== undefined && { key: options.key }) }));
      const results = await sendInBatches(lines, async (records) => (await stream.produce(records as never)).results, { verb: 'produced', noun: 'record' });
      cli.out.result({ produced: results.length, results }, () => `produced ${counted(results.length, 'record')} to stream ${name}`);
    });

  streams
    .command('read <name>')
    .description("read a partition's records from an offset (replay)")
    .requiredOption('--partition <n>', 'the partition', integer)
    .option('--offset <n>', 'the first offset (default: the log start)', integer)
    .option('--max <n>', 'records to read at most', integer)
    .action(async (name: string, options: { partition: number; offset?: number; max?: number }, command: Command) => {
      const cli = cliOf(command);
      const { records } = await (await cli.client()).stream(name).read(options.partition, { offset: options.offset, max: options.max });
      for (const record of records) printRecord(cli.out, { partition: options.partition, ...record });
    });

  streams
    .command('tail <name>')
    .description('print records as they are produced, until Ctrl-C (or SIGTERM); with --group as a member of a consumer group that commits and leaves at the end')
    .option('--group <group>', 'consume as a member of this group (join, heartbeat, poll, commit after printing, leave)')
    .option('--from <where>', 'without --group: start at the end ("latest") or at each partition\'s log start ("earliest")', position, 'latest')
    .action(async (name: string, options: { group?: string; from: 'earliest' | 'latest' }, command: Command) => {
      const cli = cliOf(command);
      const signal = untilInterrupted();
      const progress = liveCounter('records', { printsItems: true });
      const print = (record: ShownRecord) => {
        printRecord(cli.out, record);
        progress.add(1);
      };
      if (options.group !== undefined) await (await cli.client()).stream(name).group(options.group).consume(async (record: ShownRecord) => print(record), { signal });
      else await tailPartitions(cli, name, options.from, print, signal);
      progress.done();
    });

  streams
    .command('groups <name>')
    .description("a stream's consumer groups with their lag and members")
    .action(async (name: string, _options, command: Command) => {
      const cli = cliOf(command);
      const groups = await (await cli.client()).stream(name).groups();
      cli.out.table({ groups }, groups, [
        { header: 'GROUP', value: (group) => group.group },
        { header: 'LAG', value: (group) => group.lag },
        { header: 'GENERATION', value: (group) => group.generation },
        { header: 'MEMBERS', value: (group) => group.members.length },
      ]);
    });

  streams
    .command('lag <name> [group]')
    .description("each partition's committed offset, high watermark and lag, for one group or all")
    .action(async (name: string, group: string | undefined, _options, command: Command) => {
      const cli = cliOf(command);
      const stream = (await cli.client()).stream(name);
      const groups: readonly GroupState[] = group === undefined ? await stream.groups() : [await stream.group(group).describe()];
      printLag(cli.out, groups);
    });

  streams
    .command('reset <name> <group>')
    .description("move a group's committed offsets: to the log start, the end, or the first record at or after a time")
    .requiredOption('--to <where>', '"earliest", "latest" or an ISO time such as 2026-11-23T00:00:00Z', resetTarget)
    .action(async (name: string, group: string, options: { to: 'earliest' | 'latest' | { timestamp: string } }, command: Command) => {
      const cli = cliOf(command);
      printLag(cli.out, [await (await cli.client()).stream(name).group(group).reset(options.to)]);
    });
}

/**
 * `tail` without a group: reads every partition from its end (or log start) onwards, round after
 * round, until `signal` aborts. Reads do not long-poll, so a round that found nothing waits a second.
 */
async function tailPartitions(cli: Cli, name: string, from: 'earliest' | 'latest', print: (record: ShownRecord) => void, signal: AbortSignal): Promise<void> {
  const stream = (await cli.client()).stream(name);
  const { offsets } = await stream.describe();
  const next = new Map(offsets.map((offset) => [offset.partition, from === 'earliest' ? offset.logStartOffset : offset.highWatermark]));
  while (!signal.aborted) {
    let found = false;
    for (const [partition, offset] of next) {
      const { records, nextOffset } = await stream.read(partition, { offset });
      for (const record of records) print({ partition, ...record });
      found ||= records.length > 0;
      next.set(partition, nextOffset);
    }
    if (!found) await sleep(TAIL_IDLE_MS, undefined, { signal }).catch(() => undefined);
  }
}

/** Per group and partition: committed offset, high watermark and lag (the groups as JSON with --json). */
function printLag(out: Output, groups: readonly GroupState[]): void {
  const rows = groups.flatMap((state) => state.partitions.map((partition) => ({ group: state.group, ...partition })));
  out.table({ groups }, rows, [
    { header: 'GROUP', value: (row) => row.group },
    { header: 'PARTITION', value: (row) => row.partition },
    { header: 'COMMITTED', value: (row) => row.committedOffset },
    { header: 'HIGH WATERMARK', value: (row) => row.highWatermark },
    { header: 'LAG', value: (row) => row.lag },
  ]);
}

/** A record on one line: NDJSON with --json, else `partition:offset key value`. */
function printRecord(out: Output, record: ShownRecord): void {
  out.result(record, () => `${out.style('cyan', `${record.partition}:${record.offset}`)} ${record.key ?? out.style('dim', '(no key)')} ${JSON.stringify(record.value)}`);
}

function position(value: string): 'earliest' | 'latest' {
  if (value !== 'earliest' && value !== 'latest') throw new InvalidArgumentError('must be "earliest" or "latest"');
  return value;
}

function resetTarget(value: string): 'earliest' | 'latest' | { timestamp: string } {
  if (value === 'earliest' || value === 'latest') return value;
  if (Number.isNaN(Date.parse(value))) throw new InvalidArgumentError('must be "earliest", "latest" or an ISO time');
  return { timestamp: value };
}
