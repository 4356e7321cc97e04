import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SoakClient } from './soak-client.ts';
import type { Throughput } from './throughput.ts';

/** What each queue was sent and what its consumer received (message id → deliveries). */
export class QueueLedger {
  readonly published = new Set<string>();
  readonly received = new Map<string, number>();

  lost(): number {
    return [...this.published].filter((id) => !this.received.has(id)).length;
  }

  duplicated(): number {
    return [...this.received.values()].filter((count) => count > 1).length;
  }

  complete(): boolean {
    return this.lost() === 0;
  }

  /** Published and not received yet (about: a message may arrive before its publish has answered). */
  backlog(): number {
    return this.published.size - this.received.size;
  }
}

export interface Topology {
  readonly exchange: string;
  readonly fanoutQueues: readonly string[];
  readonly directQueue: string;
  readonly idempotentQueue: string;
  readonly stream: string;
  readonly partitions: number;
}

const BATCH = 10;
/**
 * Producers wait while a queue they feed holds this many unconsumed messages: the soak measures a
 * sustained rate at a steady backlog (moto's SQS calls slow down as a queue's backlog grows, so
 * producers outrunning consumers would measure the backlog, not what history does to the broker).
 */
const MAX_BACKLOG = 100;
const q = (name: string) => `/v1/queues/${encodeURIComponent(name)}`;

export async function declareTopology(client: SoakClient, prefix: string): Promise<Topology> {
  const topology: Topology = {
    exchange: `${prefix}-fanout`,
    fanoutQueues: [1, 2, 3].map((n) => `${prefix}-fan-${n}`),
    directQueue: `${prefix}-direct`,
    idempotentQueue: `${prefix}-idempotent`,
    stream: `${prefix}-stream`,
    partitions: 4,
  };
  for (const queue of [...topology.fanoutQueues, topology.directQueue, topology.idempotentQueue]) await client.expect(201, 'PUT', q(queue), {});
  await client.expect(201, 'PUT', `/v1/exchanges/${topology.exchange}`, { type: 'fanout' });
  for (const queue of topology.fanoutQueues) await client.expect(201, 'POST', '/v1/bindings', { exchange: topology.exchange, queue });
  await client.expect(201, 'PUT', `/v1/streams/${topology.stream}`, { partitions: topology.partitions });
  return topology;
}

/** Runs `step` until `running()` turns false; a failed step is counted by the client and retried after a pause. */
async function loop(running: () => boolean, step: () => Promise<void>, failures: string[]): Promise<void> {
  while (running()) {
    try {
      await step();
    } catch (error) {
      if (failures.length < 10) failures.push((error as Error).message);
      await sleep(500);
    }
  }
}

export interface Traffic {
  readonly ledgers: ReadonlyMap<string, QueueLedger>;
  readonly produced: number[];
  readonly read: number[];
  readonly offsetGaps: number;
  readonly idempotencyViolations: number;
  readonly failures: readonly string[];
  /** Stops the producers; the consumers and the stream reader go on until `drain()` ends. */
  stopProducing(): void;
  /** Waits until every queue has received everything and the stream has been read to its end (or `timeoutMs`), then stops. */
  drain(timeoutMs: number): Promise<void>;
}

/** Starts the soak's producers and consumers against a declared topology. */
export function startTraffic(client: SoakClient, topology: Topology, throughput: Throughput): Traffic {
  let producing = true;
  let consuming = true;
  const failures: string[] = [];
  const ledgers = new Map([...topology.fanoutQueues, topology.directQueue, topology.idempotentQueue].map((queue) => [queue, new QueueLedger()]));
  const ledger = (queue: string) => ledgers.get(queue)!;
  const produced = Array<number>(topology.partitions).fill(0);
  const read = Array<number>(topology.partitions).fill(0);
  const state = { offsetGaps: 0, idempotencyViolations: 0 };
  let sequence = 0;
  const bodies = () => Array.from({ length: BATCH }, () => ({ body: { n: (sequence += 1), at: Date.now() } }));
  /** Whether every one of the queues has room for another batch; if not, waits a little first. */
  const roomIn = async (queues: readonly string[]) => {
    if (queues.every((queue) => ledger(queue).backlog() < MAX_BACKLOG)) return true;
    await sleep(100);
    return false;
  };

  const producers = [
    loop(() => producing, async () => {
      if (!(await roomIn(topology.fanoutQueues))) return;
      const { body } = await client.expect(202, 'POST', `/v1/exchanges/${topology.exchange}/messages`, { messages: bodies() });
      for (const { messageId } of body.results) for (const queue of topology.fanoutQueues) ledger(queue).published.add(messageId);
      throughput.add('exchange publish (fan-out to 3)', BATCH);
    }, failures),
    loop(() => producing, async () => {
      if (!(await roomIn([topology.directQueue]))) return;
      const { body } = await client.expect(202, 'POST', `${q(topology.directQueue)}/messages`, { messages: bodies() });
      for (const id of body.messageIds) ledger(topology.directQueue).published.add(id);
      throughput.add('queue publish', BATCH);
    }, failures),
    loop(() => producing, async () => {
      const request = { body: { n: (sequence += 1) } };
      const headers = { 'idempotency-key': randomUUID() };
      const first = await client.expect(202, 'POST', `${q(topology.idempotentQueue)}/messages`, request, headers);
      for (const id of first.body.messageIds) ledger(topology.idempotentQueue).published.add(id);
      const repeat = await client.expect(202, 'POST', `${q(topology.idempotentQueue)}/messages`, request, headers);
      if (repeat.headers.get('idempotent-replayed') !== 'true' || JSON.stringify(repeat.body) !== JSON.stringify(first.body)) state.idempotencyViolations += 1;
      throughput.add('idempotent publish (+ replay)', 1);
    }, failures),
    loop(() => producing, async () => {
      const records = Array.from({ length: BATCH }, (_, i) => ({ key: `customer-${(sequence + i) % 64}`, value: { n: (sequence += 1) } }));
      const { body } = await client.expect(200, 'POST', `/v1/streams/${topology.stream}/records`, { records });
      for (const { partition } of body.results as Array<{ partition: number }>) produced[partition]! += 1;
      throughput.add('stream produce', BATCH);
    }, failures),
  ];

  const consumers = [...ledgers.keys()].map((queue) => loop(() => consuming, async () => {
    const { body } = await client.expect(200, 'POST', `${q(queue)}/receive`, { maxMessages: 10, waitSeconds: 1 });
    if (body.messages.length === 0) return;
    for (const { messageId } of body.messages) ledger(queue).received.set(messageId, (ledger(queue).received.get(messageId) ?? 0) + 1);
    await client.expect(200, 'POST', `${q(queue)}/ack`, { receipts: body.messages.map((message: { receipt: string }) => message.receipt) });
    throughput.add('queue receive + ack', body.messages.length);
  }, failures));

  const next = Array<number>(topology.partitions).fill(0);
  const reader = loop(() => consuming, async () => {
    let got = 0;
    for (let partition = 0; partition < topology.partitions; partition += 1) {
      const { body } = await client.expect(200, 'GET', `/v1/streams/${topology.stream}/partitions/${partition}/records?offset=${next[partition]}&limit=100`);
      for (const { offset } of body.records as Array<{ offset: number }>) {
        if (offset !== next[partition]) state.offsetGaps += 1;
        next[partition] = offset + 1;
      }
      read[partition]! += body.records.length;
      got += body.records.length;
    }
    throughput.add('stream read', got);
    if (got === 0) await sleep(500);
  }, failures);

  const drained = () => [...ledgers.values()].every((entry) => entry.complete()) && read.every((count, partition) => count >= produced[partition]!);
  return {
    ledgers,
    produced,
    read,
    get offsetGaps() {
      return state.offsetGaps;
    },
    get idempotencyViolations() {
      return state.idempotencyViolations;
    },
    failures,
    stopProducing() {
      producing = false;
    },
    async drain(timeoutMs) {
      producing = false;
      await Promise.all(producers);
      const deadline = Date.now() + timeoutMs;
      while (!drained() && Date.now() < deadline) await sleep(250);
      await sleep(2000); // late duplicates, if any, still count
      consuming = false;
      await Promise.all([...consumers, reader]);
    },
  };
}
