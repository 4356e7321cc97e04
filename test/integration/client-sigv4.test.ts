import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { PostroomClient, PostroomError } from '../../client/index.ts';
import { startLocalRuntime, type LocalRuntime } from '../../local/index.ts';
import { sigV4Refusals } from '../../local/http/sigv4-verification.ts';

// The project's app on the local runtime with SigV4 verification on (POSTROOM_SIGV4_VERIFY in
// `npm start`): the client's signed requests must hold up against the SDK's signer on the other side.
const key = { accessKeyId: 'AKIDPOSTROOMTEST', secretAccessKey: 'a-secret-only-this-test-knows' };
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startLocalRuntime({ assemblyDir: inject('assemblyDir'), endpoint: inject('awsEndpoint'), port: 0, stacks: ['Postroom'], sigV4Key: key, log: () => {} });
});

afterAll(async () => {
  await runtime?.stop();
});

const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe('client: SigV4 signing, checked by the local gateway', () => {
  it('gets through with the right key: GET, PUT, POST with a body and an Idempotency-Key, DELETE with a repeated query parameter', async () => {
    const client = new PostroomClient({ endpoint: runtime.url, signing: { region: 'eu-west-1', credentials: key } });
    const queue = client.queue(`signed-${Date.now().toString(36)}`);
    await queue.declare({ maxDeliveries: 2 });
    expect((await queue.publish([{ body: { signed: true } }, { body: 'two' }])).messageIds).toHaveLength(2);
    expect((await client.queues.list()).map((q) => q.name)).toContain(queue.name);
    expect(await queue.deadLetters.delete(['a', 'b'])).toEqual({ deleted: [], notFound: ['a', 'b'] });
    await queue.delete();
  });

  it('is refused with 403 for a wrong secret, another key and no signature, as API Gateway refuses', async () => {
    const wrongSecret = new PostroomClient({ endpoint: runtime.url, signing: { credentials: { ...key, secretAccessKey: 'wrong' } } });
    expect(await refusal(wrongSecret.queues.list())).toMatchObject({ status: 403, code: 'gateway_error', detail: sigV4Refusals.mismatch });

    const otherKey = new PostroomClient({ endpoint: runtime.url, signing: { credentials: { ...key, accessKeyId: 'AKIDSOMEONEELSE' } } });
    expect(await refusal(otherKey.queues.list())).toMatchObject({ status: 403, detail: sigV4Refusals.unknownKey });

    const unsigned = await refusal(new PostroomClient({ endpoint: runtime.url }).queues.list());
    expect(unsigned).toBeInstanceOf(PostroomError);
    expect(unsigned).toMatchObject({ status: 403, detail: sigV4Refusals.unsigned });
  });

  it('is refused when the body is changed after signing', async () => {
    const tampering = new PostroomClient({
      endpoint: runtime.url,
      signing: { credentials: key },
      fetch: async (request) => fetch(new Request(request, { body: (await request.text()).replace('1', '2') })),
    });
    expect(await refusal(tampering.queue('tampered').publish({ body: 1 }))).toMatchObject({ status: 403, detail: sigV4Refusals.mismatch });
  });
});
