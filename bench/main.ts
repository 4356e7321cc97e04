/**
 * `npm run bench`: Postroom's figures, each beside its peer measured in the same run.
 * - AWS API calls per message (deterministic counts, from an SDK middleware on the handler's own
 *   clients, against moto): batched publish vs one message per request; receive+ack of 10 vs 1.
 * - Each Lambda bundle's size and cold module-initialisation time (median of fresh processes)
 *   beside a baseline bundle that only constructs the same AWS SDK clients.
 * - Topic routing decisions per second beside qlobber on the same workload.
 * - The typed client's consume loop: API requests per message beside the raw API's; its bundle
 *   size for a browser or Lambda user beside openapi-fetch alone.
 * - Monitoring: AWS calls it adds (none: EMF is a log line), EMF bytes per request, and the calls of
 *   `GET /v1/overview` for 10 and 100 queues.
 * - HTTP requests per message of the CLI's bulk publish (`postroom queues publish --file`).
 * - What a million messages cost per workload beside the peers, and the capacity model (`cost`).
 * - The same queue and exchange workload over `npm start` on each emulator profile (moto; LocalStack's
 *   core beside moto), side by side: start-up, latency and throughput (`profiles`).
 *
 * `npm run bench -- cost` runs the named sections only (calls, cli, bundles, routing, cost, profiles).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startMotoServer } from '../local/emulator/moto-server.ts';
import { synthesize } from '../local/index.ts';
import { provisionApiFunction } from '../testing/api-function.ts';
import { createApiClient, handlerFetch } from '../testing/handler-harness.ts';
import { reportBundles } from './bundle-figures.ts';
import { clientConsumeCost } from './client-costs.ts';
import { cliPublishCost } from './cli-publish.ts';
import { countCalls } from '../testing/aws-call-counter.ts';
import { fanOutCost, type FanOutCost } from './exchange-call-costs.ts';
import { consumeCost, publishCost, type CallCost } from './queue-call-costs.ts';
import { formatRoutingThroughput, routingThroughput } from './routing-throughput.ts';
import { streamCosts } from './stream-costs.ts';
import { capacityChoice, codecCosts, decodeThroughput } from './segment-codecs.ts';
import { eventStoreFigures } from './event-store-costs.ts';
import { streamLagCosts } from './stream-lag-costs.ts';
import { emfCosts, overviewCost } from './monitoring-costs.ts';
import { outboxRelayCost, projectionApplyCosts } from './projection-costs.ts';
import { idempotencyCosts } from './idempotency-costs.ts';
import { requestReplyFigures } from './request-reply.ts';
import { table } from './table.ts';
import { reportCost } from './cost-report.ts';
import { profileFigures } from './emulator-profiles.ts';

const root = join(import.meta.dirname, '..');
const sections = process.argv.slice(2);
const runs = (section: string) => sections.length === 0 || sections.includes(section);
/** Per set of sections: the cost section's own process (below) must not empty this one's. */
const workDir = join(root, '.postroom', 'bench', sections.join('-') || 'all');
const RPC_ROUND_TRIPS = 50;
/** The issue's proof: 10 writers doing read-decide-append with retries for 1,000 deposits (minutes on moto). */
const DEPOSITS = 1_000;
const DEPOSIT_WRITERS = 10;
const CLI_PUBLISH_MESSAGES = 10_000;

rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
console.log('Synthesizing the CDK app...');
await synthesize({ outDir: join(workDir, 'cdk.out') });
const moto = await startMotoServer();
try {
  const { functions } = await provisionApiFunction({ assemblyDir: join(workDir, 'cdk.out'), endpoint: moto.endpoint });
  if (runs('calls')) await reportCallCosts();
  if (runs('cli')) await reportCliPublish();
  if (runs('bundles')) await reportBundles(functions, workDir);
  if (runs('routing')) console.log(`\n${formatRoutingThroughput(await routingThroughput())}`);
  // Last. It empties the emulator first, which the handler this process imported for the sections
  // before would not see: its caches (the exchanges' topology, by version) would route to topics
  // gone. So with other sections it runs in a process of its own.
  if (runs('cost')) {
    if (sections.length === 1) await reportCost(join(workDir, 'cdk.out'), moto.endpoint);
    else execFileSync(process.execPath, [...process.execArgv, import.meta.filename, 'cost'], { stdio: 'inherit' });
  }
} finally {
  await moto.stop();
}
if (runs('profiles')) await reportEmulatorProfiles();

/** The handler's source, in-process, with the environment the template gives the function (pointed at moto). */
async function reportCallCosts(): Promise<void> {
  const { handler } = await import('../functions/api/handler.ts');
  const { sqs, sns, dynamodb } = await import('../functions/adapters/aws-clients.ts');
  // The overview's CloudWatch client, which the handler imports on first use.
  const { cloudwatch } = await import('../functions/adapters/cloudwatch.ts');
  const counter = countCalls([sqs, sns, dynamodb, cloudwatch]);
  const client = createApiClient(handler);
  for (const queue of ['bench-batched', 'bench-single', 'bench-client', 'bench-emf']) await client.put(`/v1/queues/${queue}`);
  const emf = await emfCosts(client, counter, 'bench-emf');
  // Before the fan-out scenarios add their 122 queues.
  const overviews = [await overviewCost(client, counter, 10), await overviewCost(client, counter, 100)];

  const rows: Array<[CallCost, CallCost, number]> = [
    [await publishCost(client, counter, 'bench-batched', 1000, 100), await publishCost(client, counter, 'bench-single', 200, 1), 0.1],
    [await consumeCost(client, counter, 'bench-batched', 1000, 10), await consumeCost(client, counter, 'bench-single', 200, 1), 0.2],
  ];
  const clientConsume = await clientConsumeCost(client, counter, 'bench-client', 1000);
  // Before the fan-out scenarios' 122 queues: moto 5.2.5 delivers an SNS publish to a topic's first
  // 100 subscriptions only (one page of ListSubscriptionsByTopic), so a queue declared later gets nothing.
  const requestReply = await requestReplyFigures(client, [sqs, sns, dynamodb], RPC_ROUND_TRIPS);
  const fanOut: FanOutCost[] = [];
  for (const width of [1, 10, 50]) {
    for (const perRequest of [1, 10]) fanOut.push(await fanOutCost(client, counter, width, perRequest, 100));
  }
  // Before the other stream scenarios: the lag function reads every stream of the broker.
  const lag = await streamLagCosts(client, counter);
  const streams = await streamCosts(client, counter);
  const idempotency = await idempotencyCosts(client, counter);
  const eventStore = await eventStoreFigures(client, counter, DEPOSITS, DEPOSIT_WRITERS);
  const projections = await projectionApplyCosts(client, counter, dynamodb);
  const outbox = await outboxRelayCost(client, counter, handlerFetch(handler));
  console.log('\nAWS API calls per message (SDK middleware count, moto)');
  console.log(table(['scenario', 'messages', 'calls', 'calls/msg', 'target', 'peer', 'peer calls/msg', 'ratio'], rows.map(([cost, peer, target]) => [
    cost.scenario, cost.messages, `${cost.calls} (${describe(cost.byCommand)})`, perMessage(cost), `<= ${target}`, peer.scenario, perMessage(peer), (cost.calls / cost.messages / (peer.calls / peer.messages)).toFixed(3),
  ])));
  // The raw API's peer figure is its scenario's: one receive of 10 and one ack of those 10 per 10 messages.
  const [rawConsume] = rows[1]!;
  const rawRequestsPerMessage = 2 / 10;
  const clientRequests = (clientConsume.requests.receive ?? 0) + (clientConsume.requests.ack ?? 0);
  console.log(`\nThe client's queue.consume loop on ${clientConsume.messages} messages (every handler succeeds; acks batched up to 100)`);
  console.log(table(['figure', 'value', 'target', 'peer', 'peer value', 'ratio'], [
    ['receive + ack requests per message', `${(clientRequests / clientConsume.messages).toFixed(3)} (${describe(clientConsume.requests)})`, '<= 0.2', 'raw API: receive + ack, 10 per request', rawRequestsPerMessage.toFixed(3), (clientRequests / clientConsume.messages / rawRequestsPerMessage).toFixed(3)],
    ['AWS calls per message', (clientConsume.awsCalls / clientConsume.messages).toFixed(3), '-', 'raw API: receive + ack, 10 per request', perMessage(rawConsume), (clientConsume.awsCalls / clientConsume.messages / (rawConsume.calls / rawConsume.messages)).toFixed(3)],
  ]));
  console.log('\nMonitoring: what EMF costs per request (metrics on; an unmonitored queue: broker-wide records only)');
  console.log(table(['request', 'AWS calls', 'extra calls from monitoring', 'target', 'EMF records', 'EMF bytes'], emf.map((cost) => [
    cost.request, describe(cost.byCommand) || 'none', cost.extraCalls, '0', cost.emfRecords, cost.emfBytes,
  ])));
  console.log('\nGET /v1/overview: AWS calls of one page holding every resource (SQS has no batch GetQueueAttributes: levels + 1 per queue; the ages: 1 GetMetricData per 500 priority levels)');
  console.log(table(['queues', 'streams', 'calls', 'by command'], overviews.map((cost) => [cost.queues, cost.streams, Object.values(cost.byCommand).reduce((sum, n) => sum + n, 0), describe(cost.byCommand)])));
  // The peer of a fan-out to N queues is the fan-out to 1: the ratio shows cost does not grow with N.
  const narrow = (perRequest: number) => fanOut.find((cost) => cost.width === 1 && cost.perRequest === perRequest)!;
  console.log('\nExchange publish fanning out to N queues (warm topology cache; version checks are at most 1/s per container, not per message)');
  console.log(table(['queues', 'per request', 'messages', 'delivery calls', 'calls/msg', 'target', 'vs 1 queue', 'topology reads', 'version checks', 'seconds (moto)'], fanOut.map((cost) => [
    cost.width, cost.perRequest, cost.messages, cost.deliveryCalls, (cost.deliveryCalls / cost.messages).toFixed(3), cost.perRequest === 1 ? '<= 1' : '<= 0.1',
    (cost.deliveryCalls / narrow(cost.perRequest).deliveryCalls).toFixed(2), cost.otherReads, cost.versionChecks, cost.seconds.toFixed(1),
  ])));
  // The peer of a keyed request is the same request without a key.
  const DYNAMO_WRITES = /^(PutItem|UpdateItem|DeleteItem)Command$/;
  const DYNAMO_READS = /^(GetItem|Query)Command$/;
  const dynamo = (byCommand: Record<string, number>, kind: RegExp) => Object.entries(byCommand).filter(([name]) => kind.test(name)).reduce((sum, [, n]) => sum + n, 0);
  console.log('\nIdempotency-Key on a queue publish (DynamoDB calls of the idempotency layer)');
  console.log(table(['request', 'status', 'calls', 'DynamoDB writes', 'DynamoDB reads', 'target'], idempotency.map((cost, i) => [
    cost.scenario, cost.status, describe(cost.byCommand), dynamo(cost.byCommand, DYNAMO_WRITES), dynamo(cost.byCommand, DYNAMO_READS),
    ['(peer)', '<= 2 writes, 0 reads', '1 read-equivalent (a failed conditional put returning the record), 0 writes applied'][i],
  ])));
  // The peer of packed segments is one item per record: 1 WCU per record (≤ 1 KB), so 1,000 records/s per partition.
  console.log('\nStream produce and fetch: ~100-byte event records, 100 per request (DynamoDB; segments compressed with zstd 1)');
  console.log(table(['figure', 'value', 'target', 'one item per record', 'ratio'], [
    ['write calls per request', streams.writeCallsPerRequest, '1', 100, (streams.writeCallsPerRequest / 100).toFixed(2)],
    ['write units per record', streams.wcuPerRecord.toFixed(3), '<= 0.1', '1.000', streams.wcuPerRecord.toFixed(2)],
    ['records/s per partition (1,000 WCU/s)', streams.recordsPerSecondPerPartition, '>= 3000', 1000, (streams.recordsPerSecondPerPartition / 1000).toFixed(2)],
    ['read calls per MB (to the end)', streams.readCallsPerMB.toFixed(2), '1', '-', '-'],
    ['read calls per MB (3 MB backlog)', streams.readCallsPerMBBacklog.toFixed(2), '-', '-', '-'],
  ]));
  console.log('\nStream produce: write units per record of other requests (one TransactWriteItems: segments and tail, x2)');
  console.log(table(['records', 'payload', 'items written (bytes)', 'write units', 'per record'], [streams.append, ...streams.otherAppends].map((cost) => [
    cost.records, cost.payload, cost.itemBytes.join(', '), cost.writeUnits, (cost.writeUnits / cost.records).toFixed(3),
  ])));
  const [textRead] = streams.readThroughput;
  console.log('\nStream read path per MB: the same 10,000 event records read to the end, 1,000 a read, from compressed segments and from a copy stored as text (median of 5 interleaved passes)');
  console.log(table(['stored as', 'MB', 'MB/s through the API (moto)', 'vs text', 'handler CPU ms/MB', 'vs text', 'read units/MB (consistent)'], streams.readThroughput.map((read) => [
    read.stored, (read.bytes / 1e6).toFixed(2), read.megabytesPerSecond.toFixed(2), (read.megabytesPerSecond / textRead!.megabytesPerSecond).toFixed(2),
    read.cpuMsPerMB.toFixed(0), (read.cpuMsPerMB / textRead!.cpuMsPerMB).toFixed(2), read.readUnitsPerMB.toFixed(0),
  ])));
  printSegmentCodecs();
  printEventStoreFigures(eventStore);
  const perEvent = (byCommand: Record<string, number>, events: number) => (Object.values(byCommand).reduce((sum, n) => sum + n, 0) / events).toFixed(2);
  // Items under 1 KB: each PutItem or UpdateItem is 1 write unit.
  console.log('\nProjection apply cost: one delivery of 100 log records (DynamoDB calls of postroomProjection)');
  console.log(table(['scenario', 'events', 'calls', 'calls/event', 'write units/event'], projections.map((cost) => [
    cost.scenario, cost.events, describe(cost.calls), perEvent(cost.calls, cost.events), (dynamo(cost.calls, DYNAMO_WRITES) / cost.events).toFixed(2),
  ])));
  console.log(`\nOutbox relay: one batch of ${outbox.messages} stream records, ${outbox.aggregates} aggregates, relayed to a queue`);
  console.log(table(['figure', 'value', 'per message'], [
    ['relay DynamoDB calls', describe(outbox.relayCalls), perEvent(outbox.relayCalls, outbox.messages)],
    ['API requests (one idempotent publish each)', outbox.apiRequests, (outbox.apiRequests / outbox.messages).toFixed(2)],
    ['the API\'s AWS calls for them', describe(outbox.apiAwsCalls), perEvent(outbox.apiAwsCalls, outbox.messages)],
  ]));
  // The caller's cost leaves out the topology version check, which is per second, not per call.
  const { GetItemCommand: versionChecks = 0, ...callerCalls } = requestReply.callerCalls;
  const sum = (byCommand: Record<string, number>) => Object.values(byCommand).reduce((total, n) => total + n, 0);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const { rpcMs, publishReceiveMs } = requestReply;
  console.log('\nStream lag function: AWS calls per run (once a minute by default), 1 stream of 8 partitions, 10 consumer groups');
  console.log(table(['scenario', 'calls per run (= per minute)', 'target', 'peer: GET …/groups/{group} for each group', 'ratio'], lag.map((cost) => [
    cost.scenario, `${sum(cost.calls)} (${describe(cost.calls)})`, '2 per stream + 1 per lagging partition offset', `${sum(cost.peerCalls)} (${describe(cost.peerCalls)})`, (sum(cost.calls) / sum(cost.peerCalls)).toFixed(2),
  ])));
  console.log(`\nRequest-reply: ${requestReply.roundTrips} sequential RPC round trips through a direct exchange, each answered by a responder (receive + POST /v1/replies), moto`);
  console.log(table(['figure', 'value', 'target', 'peer', 'peer value', 'ratio'], [
    ['caller AWS calls per round trip', `${sum(callerCalls)} (${describe(callerCalls)})`, '<= 4', '-', '-', '-'],
    ['caller topology version checks per round trip', versionChecks.toFixed(2), '<= 1/s', '-', '-', '-'],
    ['responder AWS calls per round trip', `${sum(requestReply.responderCalls)} (${describe(requestReply.responderCalls)})`, '-', '-', '-', '-'],
    ['round-trip latency p50', ms(rpcMs.p50), '-', 'publish then receive on a queue', ms(publishReceiveMs.p50), (rpcMs.p50 / publishReceiveMs.p50).toFixed(2)],
    ['round-trip latency p99', ms(rpcMs.p99), '-', 'publish then receive on a queue', ms(publishReceiveMs.p99), (rpcMs.p99 / publishReceiveMs.p99).toFixed(2)],
  ]));
}

/** In-process: the codec choice's figures (CPU µs of this process, so other load on the machine matters little). */
function printSegmentCodecs(): void {
  const costs = codecCosts();
  console.log('\nStream segment codecs × levels: write units per record of one append (segments + tail, x2), CPU µs per record to compress and decompress');
  console.log(table(['codec', 'payload', 'per request', 'ratio', 'WCU/record', 'compress µs', 'decompress µs'], costs.map((cost) => [
    cost.candidate, cost.payload, cost.perRequest, cost.ratio.toFixed(2), cost.wcuPerRecord.toFixed(3), cost.compressMicros.toFixed(2), cost.decompressMicros.toFixed(2),
  ])));
  const capacity = capacityChoice();
  console.log(`\nSegment capacity before or after compression: one request of ${capacity.records} records, ${(capacity.packedBytes / 1e6).toFixed(2)} MB packed, to one partition`);
  console.log(table(['capacity counts', 'segments', 'write units', 'largest segment to decompress for one record'], [
    ['packed bytes (chosen)', capacity.before.segments, capacity.before.writeUnits, `${(capacity.before.largestText / 1e3).toFixed(0)} KB`],
    ['compressed bytes', capacity.after.segments, capacity.after.writeUnits, `${(capacity.after.largestText / 1e3).toFixed(0)} KB`],
  ]));
  const [text, zstd] = decodeThroughput();
  console.log('\nStream read path CPU alone (decompress, parse, slice 1,000-record reads of 1 MB of event records), in-process');
  console.log(table(['stored as', 'MB/s', 'vs text'], [text!, zstd!].map((read) => [read.stored, read.megabytesPerSecond.toFixed(1), (read.megabytesPerSecond / text!.megabytesPerSecond).toFixed(2)])));
}

function printEventStoreFigures({ appends, aggregateLoad, lag, deposits }: Awaited<ReturnType<typeof eventStoreFigures>>): void {
  const calls = (byCommand: Record<string, number>) => `${Object.values(byCommand).reduce((total, n) => total + n, 0)} (${describe(byCommand)})`;
  // The peer of an event append is a stream produce of the same records: the event store adds the head and the commit.
  console.log('\nEvent store (DynamoDB; ~100-byte events; the log is written in the append\'s transaction)');
  console.log(table(['figure', 'value', 'detail'], [
    ...appends.map((cost) => [`append of ${cost.events}: calls`, calls(cost.calls), 'warm: head read, schema lookup, one transaction']),
    ...appends.map((cost) => [`append of ${cost.events}: write units`, cost.writeUnits, `items of ${cost.itemBytes.join(', ')} bytes (head, commit, log segment, log tail), x2 transactional`]),
    ['aggregate load with a snapshot: calls', calls(aggregateLoad.calls), `snapshot + ${aggregateLoad.events} events after it`],
    ['append → log lag p50 / p99', `${lag.p50Ms.toFixed(1)} / ${lag.p99Ms.toFixed(1)} ms`, `${lag.appends} appends; the first log read after the answer always had the event (max reads: ${lag.maxReads})`],
    [`${deposits.deposits} deposits by ${deposits.writers} read-decide-append writers`, deposits.exact ? 'exact balance' : 'WRONG BALANCE', `${deposits.seconds.toFixed(0)} s on moto, ${deposits.conflicts} retries after 409`],
  ]));
}

/** The real `postroom` bin publishing an NDJSON file to a local runtime on the same emulator. */
async function reportCliPublish(): Promise<void> {
  const cost = await cliPublishCost(join(workDir, 'cdk.out'), moto.endpoint, workDir, CLI_PUBLISH_MESSAGES);
  const total = Object.values(cost.requests).reduce((sum, n) => sum + n, 0);
  console.log(`\nCLI bulk publish: postroom queues publish --file (${cost.messages.toLocaleString('en')} NDJSON lines), HTTP requests counted at the local gateway`);
  console.log(table(['scenario', 'messages', 'requests', 'requests/msg', 'target', 'peer', 'peer requests/msg', 'ratio'], [[
    'postroom queues publish --file', cost.messages, `${total} (${Object.entries(cost.requests).map(([route, n]) => `${n} ${route}`).join(', ')})`,
    (total / cost.messages).toFixed(3), '<= 0.01', 'a request per message (curl, --body)', '1.000', (total / cost.messages).toFixed(3),
  ]]));
}

/** Each figure on moto beside the same on the LocalStack profile (SQS, SNS, Step Functions on LocalStack). */
async function reportEmulatorProfiles(): Promise<void> {
  const runs = await profileFigures(['moto', 'localstack']);
  const [moto, localStack] = runs;
  console.log('\nEmulator profiles: the same workload over npm start\'s HTTP API (typed client, one request at a time)');
  if (!moto || 'skipped' in moto) return;
  if (!localStack || 'skipped' in localStack) {
    console.log(`LocalStack profile skipped: ${localStack && 'skipped' in localStack ? localStack.skipped : 'not run'}`);
    return;
  }
  const row = (figure: string, a: number, b: number, unit: string, digits = 1) => [figure, `${a.toFixed(digits)} ${unit}`, `${b.toFixed(digits)} ${unit}`, `${(b / a).toFixed(2)}x`];
  console.log(table(['figure', 'moto', 'LocalStack + moto (DynamoDB)', 'LocalStack / moto'], [
    row('npm start until serving', moto.startSeconds, localStack.startSeconds, 's'),
    row('queue publish, 1 per request: median latency', moto.publishMs, localStack.publishMs, 'ms'),
    row('queue publish, 1 per request', moto.publishSingleRate, localStack.publishSingleRate, 'msg/s', 0),
    row('queue publish, 100 per request', moto.publishBatchRate, localStack.publishBatchRate, 'msg/s', 0),
    row('receive 10 + ack 10', moto.consumeRate, localStack.consumeRate, 'msg/s', 0),
    row('fanout exchange to 3 queues, 1 per request: median latency', moto.exchangePublishMs, localStack.exchangePublishMs, 'ms'),
  ]));
  console.log('AWS calls per message are the same on both: the handlers and their SDK calls are unchanged, only the endpoints differ.');
}

function perMessage(cost: CallCost): string {
  return (cost.calls / cost.messages).toFixed(3);
}

function describe(byCommand: Readonly<Record<string, number>>): string {
  return Object.entries(byCommand).map(([name, n]) => `${n} ${name.replace(/Command$/, '')}`).join(', ');
}
