import { PostroomClient, PostroomError } from '../client/index.ts';

// npm start's http://127.0.0.1:4000 unless POSTROOM_ENDPOINT says otherwise; a deployed stack's
// URL (not loopback) is signed with SigV4 and your AWS credentials.
const client = new PostroomClient();

// Queues: publish any number of messages (100 per request), consume until the signal aborts.
const shipments = client.queue('shipments');
await shipments.declare({ maxDeliveries: 5 });
await shipments.publish([{ body: { order: 1 } }, { body: { order: 2 } }]);
const stop = new AbortController();
let shipped = 0;
await shipments.consume(
  async (message) => {
    console.log('shipping', message.body); // a throw here nacks the message: it comes back later
    if (++shipped === 2) stop.abort(); // or on Ctrl-C: process.once('SIGINT', () => stop.abort())
  },
  { signal: stop.signal },
);

// Streams: produce and read back.
const pageViews = client.stream('page-views');
await pageViews.declare({ partitions: 2 });
const { results } = await pageViews.produce([{ key: 'user-1', value: { page: '/' } }]);
const { records } = await pageViews.read(results[0]!.partition, { offset: results[0]!.offset });
console.log('read', records[0]?.value);

// Sagas: start the example saga and wait for its end.
const { executionId } = await client.saga('order').start({ orderId: 'o-1' });
console.log('saga', (await client.saga('order').wait(executionId)).status);

// Every error is a PostroomError carrying the API's problem document.
try {
  await client.queue('no-such-queue').describe();
} catch (error) {
  if (!(error instanceof PostroomError)) throw error;
  console.log(error.status, error.code, error.detail);
}
