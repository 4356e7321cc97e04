import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, expect, it } from 'vitest';
import { conflictBackoffMs } from '../../../functions/core/backoff.ts';
import { failAfterRandomly, failRandomly } from '../../support/aws-fault-injection.ts';
import { append, declareStore, eventsPath, readLog, readStream } from '../../support/event-store-api.ts';
import { faultRandom } from '../../support/fault-injection/fault-run.ts';
import { startQueueApi, type QueueApi } from '../../support/queue-api.ts';

// The event store's guarantees under concurrency and crashes: optimistic concurrency admits one
// writer per version, and every appended event is in the store's log exactly once, in version order.
let queueApi: QueueApi;
const { random } = faultRandom('event store');

beforeAll(async () => {
  queueApi = await startQueueApi();
});

const api = () => queueApi.api;

async function declared(label: string, partitions: number): Promise<string> {
  const store = queueApi.uniqueName(label);
  await declareStore(api(), store, { partitions });
  return store;
}

/** A log partition's events of one stream, in log order. */
async function loggedVersions(store: string, partitions: number, streamId: string) {
  return (await readLog(api(), store, partitions)).filter((event) => event.streamId === streamId);
}

it('admits exactly one of 20 concurrent appends with the same expected version, and leaves no gap', async () => {
  const store = await declared('race', 1);
  await append(api(), store, 'acc', { events: [{ type: 'AccountOpened', data: {} }] });

  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, writer) => api().post(eventsPath(store, 'acc'), { expectedVersion: 0, events: [{ type: 'MoneyDeposited', data: { writer } }] })),
  );

  expect(answers.filter((answer) => answer.status === 201).map((answer) => answer.json)).toEqual([{ firstVersion: 1, lastVersion: 1 }]);
  const refused = answers.filter((answer) => answer.status === 409);
  expect(refused).toHaveLength(19);
  for (const answer of refused) expect(answer.json).toMatchObject({ code: 'wrong_expected_version', currentVersion: 1 });
  expect((await readStream(api(), store, 'acc')).map((event) => event.version)).toEqual([0, 1]);
  expect((await loggedVersions(store, 1, 'acc')).map((event) => event.version)).toEqual([0, 1]);
});

// 1,000 deposits take minutes on the emulator: 11 minutes on a loaded 2-core machine when a writer
// retried at once after a lost race, 7.4 minutes with the jittered backoff below (a read and an
// append per deposit at moto's speed); the suite proves it with 30, `npm run bench` with 1,000.
const DEPOSITS = 30;
const WRITERS = 10;

it(`keeps an exact balance when ${WRITERS} writers read, decide and append ${DEPOSITS} deposits, retrying on 409`, { timeout: 120_000 }, async () => {
  const store = await declared('deposits', 1);
  let next = 0;
  let conflicts = 0;

  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      // What this writer last read: the version and the balance the events up to it fold to.
      let version = -1;
      let balance = 0;
      for (let deposit = next++; deposit < DEPOSITS; deposit = next++) {
        for (let lost = 0; ; ) {
          const read = await api().get(`${eventsPath(store, 'acc')}?fromVersion=${version + 1}&max=1000`);
          for (const event of read.status === 200 ? read.json.events : []) {
            balance += event.data.amount;
            version = event.version;
          }
          // The decision a command handler makes on the state it read.
          const amount = deposit + 1;
          const answer = await api().post(eventsPath(store, 'acc'), { expectedVersion: version === -1 ? 'no_stream' : version, events: [{ type: 'MoneyDeposited', data: { amount, balanceBefore: balance } }] });
          if (answer.status === 201) break;
          expect(answer.json.code).toBe('wrong_expected_version');
          conflicts++;
          // As a command handler does: back off with jitter before reading again.
          await sleep(conflictBackoffMs(++lost));
        }
      }
    }),
  );

  const events = await readStream(api(), store, 'acc');
  expect(events.map((event) => event.version)).toEqual(Array.from({ length: DEPOSITS }, (_, version) => version));
  const balance = events.reduce((sum, event) => sum + (event.data as { amount: number }).amount, 0);
  expect(balance).toBe((DEPOSITS * (DEPOSITS + 1)) / 2);
  // Each writer decided on the balance of every event before its own.
  events.forEach((event, index) => expect((event.data as { balanceBefore: number }).balanceBefore).toBe(events.slice(0, index).reduce((sum, e) => sum + (e.data as { amount: number }).amount, 0)));
  expect(conflicts).toBeGreaterThan(0);
  expect((await loggedVersions(store, 1, 'acc')).map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
});

const STREAMS = 6;
const APPENDS = 15;
const EVENTS_PER_APPEND = 4;
const CRASH_RATE = 0.15;

it('puts every event in the log exactly once, in version order per stream, while appends crash before and after their transaction', { timeout: 120_000 }, async () => {
  const store = await declared('crashes', 2);
  const { dynamodb } = await import('../../../functions/adapters/aws-clients.ts');
  const heals = [failRandomly(dynamodb, 'TransactWriteItemsCommand', random, CRASH_RATE), failAfterRandomly(dynamodb, 'TransactWriteItemsCommand', random, CRASH_RATE)];
  let crashes = 0;
  try {
    await Promise.all(
      Array.from({ length: STREAMS }, async (_, stream) => {
        for (let index = 0; index < APPENDS; index++) {
          const events = Array.from({ length: EVENTS_PER_APPEND }, (_, n) => ({ eventId: `s${stream}-a${index}-e${n}`, type: 'Tick', data: { stream, index, n } }));
          // Half the streams append with their version, half with `any`: both repeat by event ids.
          const expectedVersion = stream % 2 === 0 ? (index === 0 ? 'no_stream' : index * EVENTS_PER_APPEND - 1) : 'any';
          const expected = { firstVersion: index * EVENTS_PER_APPEND, lastVersion: (index + 1) * EVENTS_PER_APPEND - 1 };
          // A crashed append answers 500, a failed call 503: the outcome unknown to the client, it sends the append again as it was.
          for (;;) {
            const answer = await api().post(eventsPath(store, `stream-${stream}`), { expectedVersion, events });
            if (answer.status === 201) {
              expect(answer.json).toEqual(expected);
              break;
            }
            expect([500, 503], JSON.stringify(answer.json)).toContain(answer.status);
            crashes++;
          }
        }
      }),
    );
  } finally {
    for (const heal of heals) heal();
  }

  const log = await readLog(api(), store, 2);
  for (let stream = 0; stream < STREAMS; stream++) {
    const ids = Array.from({ length: APPENDS * EVENTS_PER_APPEND }, (_, i) => `s${stream}-a${Math.floor(i / EVENTS_PER_APPEND)}-e${i % EVENTS_PER_APPEND}`);
    expect((await readStream(api(), store, `stream-${stream}`)).map((event) => event.eventId)).toEqual(ids);
    const logged = log.filter((event) => event.streamId === `stream-${stream}`);
    expect(logged.map((event) => event.eventId)).toEqual(ids);
    expect(logged.map((event) => event.version)).toEqual(ids.map((_, version) => version));
  }
  expect(crashes).toBeGreaterThan(0);
});
