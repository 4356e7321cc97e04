import { DynamoDBClient, GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoItem } from '../functions/core/dynamodb-item-size.ts';
import { startLocalRuntime } from '../local/index.ts';
import { countCalls } from '../testing/aws-call-counter.ts';
import { provisionApiFunction } from '../testing/api-function.ts';
import { demandOf, predictCapacity, type CapacityPrediction } from './capacity-model.ts';
import { combine, costPerMillion, kinesisPerMillion, qstashPerMillion, sqsSnsDirectPerMillion, type WorkloadUsage } from './cost-model.ts';
import { fanOutRoundTrip, groupRead, idempotentPublish, meteredApi, orderSagaRuns, queueRoundTrip, requestReply, streamProduce, type MeteredApi } from './cost-workloads.ts';
import { captureEmf } from './monitoring-costs.ts';
import { awsPrices, peerPrices, PRICES_DATE } from './prices/aws-us-east-1.ts';
import { awsQuotas, QUOTAS_DATE } from './quotas/aws-us-east-1.ts';
import { table } from './table.ts';

/** Kinesis bills stream-hours: its cost per million records depends on the rate; this one is a busy partition's. */
const KINESIS_RECORDS_PER_SECOND = 1000;
const STREAM_RECORD_BYTES = 100;
const FAN_OUT_MESSAGES = 100;
const STREAM_PARTITIONS = [1, 8, 64];
const SAGA_RUNS = 5;

interface CostRow {
  readonly workload: string;
  readonly usage: WorkloadUsage;
  /** The peers' dollars per million for the same work; undefined where a peer does not do it. */
  readonly direct?: number;
  readonly qstash?: number;
  readonly kinesis?: number;
}

/**
 * `npm run bench -- cost`: dollars per million messages from what the benchmark counts (API
 * requests, Lambda invocations and their measured durations, SQS/SNS requests per 64 KiB chunk,
 * DynamoDB units from item sizes) times the dated list prices, beside the peers; then the
 * capacity model. Starts from an emptied emulator, so it does not depend on the sections before.
 */
export async function reportCost(assemblyDir: string, endpoint: string): Promise<void> {
  await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
  const { api } = await provisionApiFunction({ assemblyDir, endpoint });
  const { handler } = await import('../functions/api/handler.ts');
  const { sqs, sns, dynamodb } = await import('../functions/adapters/aws-clients.ts');
  const sizes = new DynamoDBClient({}); // uncounted: sizes updated and deleted items
  const counter = countCalls([sqs, sns, dynamodb], {
    name: 'postroomBenchCostMeter',
    usage: {
      readItem: async (table, key) => (await sizes.send(new GetItemCommand({ TableName: table, Key: key as Record<string, AttributeValue>, ConsistentRead: true }))).Item as DynamoItem | undefined,
    },
  });
  const metered = meteredApi(handler, counter, api.memorySize);
  // The function's EMF lines go to CloudWatch Logs in AWS: counted (line and newline), not printed.
  const restore = captureEmf((line) => (counter.usage!.logBytes += Buffer.byteLength(line) + 1));
  try {
    const { rows, capacity } = await countWorkloads(metered, assemblyDir, endpoint).finally(restore);
    printCosts(rows);
    printCapacity(capacity);
  } finally {
    sizes.destroy();
  }
}

/** The counted figures the capacity model divides the quotas by. */
interface CapacityFigures {
  readonly queue: ReadonlyArray<readonly [string, WorkloadUsage]>;
  readonly fanOut: ReadonlyArray<readonly [number, WorkloadUsage]>;
  /** Produce 100/request plus one consumer group's read, per record. */
  readonly stream: WorkloadUsage;
  readonly saga: WorkloadUsage;
}

/** The order saga needs the local runtime: its pollers run the step workers. */
async function orderSagas(metered: MeteredApi, assemblyDir: string, endpoint: string): Promise<WorkloadUsage> {
  const runtime = await startLocalRuntime({ assemblyDir, endpoint, port: 0, stacks: ['Postroom'], log: () => undefined, functionOutput: () => undefined });
  try {
    return await orderSagaRuns(metered, runtime, SAGA_RUNS);
  } finally {
    await runtime.stop();
  }
}

async function countWorkloads(metered: MeteredApi, assemblyDir: string, endpoint: string): Promise<{ rows: CostRow[]; capacity: CapacityFigures }> {
  const [unbatched, batched10, batched100] = [await queueRoundTrip(metered, 200, 1, 1), await queueRoundTrip(metered, 500, 10, 10), await queueRoundTrip(metered, 1000, 100, 10)];
  const roundTrip = ({ publish, consume }: typeof unbatched) => combine(publish, consume);
  const rows: CostRow[] = [
    { workload: 'queue: publish 1/request, receive + ack 1', usage: roundTrip(unbatched), direct: sqsSnsDirectPerMillion(awsPrices, { queues: 0, batch: 1 }), qstash: qstashPerMillion(peerPrices, 1) },
    { workload: 'queue: publish 10/request, receive + ack 10', usage: roundTrip(batched10), direct: sqsSnsDirectPerMillion(awsPrices, { queues: 0, batch: 10 }), qstash: qstashPerMillion(peerPrices, 1) },
    { workload: 'queue: publish 100/request, receive + ack 10', usage: roundTrip(batched100), direct: sqsSnsDirectPerMillion(awsPrices, { queues: 0, batch: 100 }), qstash: qstashPerMillion(peerPrices, 1) },
  ];
  const fanOut: Array<[number, WorkloadUsage]> = [];
  for (const width of [1, 10, 50]) {
    fanOut.push([width, await fanOutRoundTrip(metered, width, FAN_OUT_MESSAGES, batched10.consume)]);
    rows.push({
      workload: `exchange -> ${width} queue${width === 1 ? '' : 's'}: publish 10/request, each queue receive + ack 10`,
      usage: fanOut.at(-1)![1],
      direct: sqsSnsDirectPerMillion(awsPrices, { queues: width, batch: 10 }),
      qstash: qstashPerMillion(peerPrices, width),
    });
  }
  const kinesisIn = kinesisPerMillion(peerPrices, { recordBytes: STREAM_RECORD_BYTES, readers: 0, recordsPerSecond: KINESIS_RECORDS_PER_SECOND }).total;
  const produced = new Map<number, { stream: string; usage: WorkloadUsage }>();
  for (const [perRequest, count] of [[1, 200], [100, 2000], [500, 5000]] as const) {
    produced.set(perRequest, await streamProduce(metered, count, perRequest));
    rows.push({ workload: `stream: produce 100-byte records, ${perRequest}/request`, usage: produced.get(perRequest)!.usage, kinesis: kinesisIn });
  }
  const read = await groupRead(metered, produced.get(500)!.stream);
  rows.push({ workload: 'stream: a consumer group reads them (poll 1,000 + commit)', usage: read, kinesis: kinesisPerMillion(peerPrices, { recordBytes: STREAM_RECORD_BYTES, readers: 1, recordsPerSecond: KINESIS_RECORDS_PER_SECOND }).out });
  // The peer of an idempotent publish is SQS FIFO's deduplication: one FIFO request per message.
  rows.push({ workload: 'idempotent publish (Idempotency-Key), 1/request', usage: await idempotentPublish(metered, 100), direct: 1_000_000 * awsPrices.sqsFifoRequest.usd, qstash: qstashPerMillion(peerPrices, 1) });
  // The peer of a round trip: send + receive + delete on a request queue and again on a reply queue.
  rows.push({ workload: 'request-reply round trip (RPC + responder receive + reply)', usage: await requestReply(metered, 20), direct: 6 * 1_000_000 * awsPrices.sqsStandardRequest.usd });
  const saga = await orderSagas(metered, assemblyDir, endpoint);
  // The peer runs the same state machine and queues without Postroom's API in front.
  const perSaga = (value: number) => (value / saga.messages) * 1_000_000;
  rows.push({ workload: 'saga: one run of the order example (3 steps)', usage: saga, direct: perSaga(saga.stateTransitions) * awsPrices.stepFunctionsTransition.usd + perSaga(saga.sqsStandardRequests) * awsPrices.sqsStandardRequest.usd });
  const capacity: CapacityFigures = {
    queue: [['publish 10/request, receive + ack 10', roundTrip(batched10)], ['publish 100/request, receive + ack 10', roundTrip(batched100)]],
    fanOut,
    stream: combine(produced.get(100)!.usage, read),
    saga,
  };
  return { rows, capacity };
}

const dollars = (value: number | undefined) => (value === undefined ? '-' : `$${value < 10 ? value.toFixed(3) : value.toFixed(2)}`);

function printCosts(rows: readonly CostRow[]): void {
  console.log(`\nWhat a million messages cost (us-east-1 list prices of ${PRICES_DATE}, bench/prices/aws-us-east-1.ts; usage counted on moto)`);
  console.log(table(
    ['workload', 'API requests/msg', 'API Gateway', 'Lambda', 'SQS', 'SNS', 'DynamoDB', 'Step Functions', 'CloudWatch Logs', 'total $/M', 'SQS+SNS direct', 'QStash', 'Kinesis on-demand'],
    rows.map(({ workload, usage, direct, qstash, kinesis }) => {
      const cost = costPerMillion(usage, awsPrices);
      return [workload, (usage.apiRequests / usage.messages).toFixed(3), dollars(cost.apiGateway), dollars(cost.lambda), dollars(cost.sqs), dollars(cost.sns), dollars(cost.dynamodb), dollars(cost.stepFunctions), dollars(cost.cloudWatchLogs), dollars(cost.total), dollars(direct), dollars(qstash), dollars(kinesis)];
    }),
  ));
  console.log(table(['workload', 'Lambda ms/invocation (measured, billed)', 'SQS requests/msg', 'SNS requests/msg', 'write units/msg', 'read units/msg'], rows.map(({ workload, usage }) => [
    workload, (usage.billedMs / usage.invocations).toFixed(1), (usage.sqsStandardRequests / usage.messages).toFixed(3), (usage.snsPublishRequests / usage.messages).toFixed(3), (usage.writeUnits / usage.messages).toFixed(3), (usage.readUnits / usage.messages).toFixed(3),
  ])));
  console.log([
    'Lambda durations are the in-process handler against moto (~3-85 ms a call, far slower than AWS): an upper bound on the Lambda column.',
    'DynamoDB units come from item sizes (moto answers ReturnConsumedCapacity with a constant); updates are sized after the write.',
    `Kinesis: data in rounds each record up to 1 KiB; stream-hours at ${KINESIS_RECORDS_PER_SECOND.toLocaleString('en')} records/s; data out per consumer. QStash: $1 per 100K deliveries.`,
  ].join('\n'));
}

function printCapacity({ queue, fanOut, stream, saga }: CapacityFigures): void {
  const row = (path: string, prediction: CapacityPrediction) => [path, rate(prediction.bottleneck.messagesPerSecond), prediction.bottleneck.quota, prediction.bottleneck.raise];
  const rows = [
    ...queue.map(([label, usage]) => row(`Postroom queue (${label})`, predictCapacity(demandOf(usage, { partitionKeyed: false }), awsQuotas))),
    row('SQS standard queue used directly', predictCapacity({}, awsQuotas)),
    row('SQS FIFO queue used directly (batches of 10)', predictCapacity({ fifoCalls: 0.1 }, awsQuotas)),
    ...fanOut.map(([width, usage]) => row(`Postroom exchange -> ${width} queue${width === 1 ? '' : 's'}`, predictCapacity(demandOf(usage, { partitionKeyed: false }), awsQuotas))),
    row('SNS -> SQS used directly (any number of queues)', predictCapacity({ snsMessages: 1 }, awsQuotas)),
    ...STREAM_PARTITIONS.map((keys) => row(`Postroom stream, ${keys} partition${keys === 1 ? '' : 's'} (produce 100/request + 1 group)`, predictCapacity(demandOf(stream, { partitionKeyed: true }), awsQuotas, { keys }))),
    ...STREAM_PARTITIONS.map((keys) => row(`Kinesis, ${keys} shard${keys === 1 ? '' : 's'} (100-byte records)`, predictCapacity({ shardRecords: 1, shardBytes: STREAM_RECORD_BYTES }, awsQuotas, { keys }))),
    row('Postroom saga (order example), sagas/s', predictCapacity({ ...demandOf(saga, { partitionKeyed: false }), sfnStarts: 1 }, awsQuotas)),
    row('Step Functions used directly (same machine), sagas/s', predictCapacity({ sfnStarts: 1, sfnTransitions: saga.stateTransitions / saga.messages }, awsQuotas)),
  ];
  console.log(`\nCapacity model: sustained messages/s from the counted usage above and the default quotas of ${QUOTAS_DATE} (bench/quotas/aws-us-east-1.ts)`);
  console.log(table(['path', 'messages/s', 'bottleneck', 'to raise it'], rows));
  console.log('Lambda concurrency ceilings use the moto-measured durations: with AWS\'s faster calls they are lower bounds.');
}

const rate = (perSecond: number) => (perSecond === Infinity ? 'no documented ceiling' : Math.floor(perSecond).toLocaleString('en'));
