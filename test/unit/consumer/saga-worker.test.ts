import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNServiceException } from '@aws-sdk/client-sfn';
import { describe, expect, it, vi } from 'vitest';
import { answerLater, sagaWorker } from '../../../functions/consumer/saga-worker.ts';
import type { SagaTaskMessage } from '../../../functions/core/sagas/saga-contract.ts';
import { encodeEnvelope } from '../../../functions/core/envelope.ts';
import { sqsRecordOf } from '../../fixtures/consumer-events.ts';
import { lambdaContext } from '../../../testing/handler-harness.ts';

const task = (overrides: Partial<SagaTaskMessage> = {}): SagaTaskMessage => ({
  taskToken: 'token-1',
  saga: 'order',
  executionId: 'exec-1',
  step: 'payment',
  phase: 'action',
  input: { amount: 5 },
  results: { inventory: { reservationId: 'r-1' } },
  ...overrides,
});

const serviceError = (name: string) => new SFNServiceException({ name, $fault: 'client', $metadata: {}, message: name });

/** A worker whose SFN client answers with `send`. */
function workerWith(send: (command: unknown) => Promise<unknown>, phases: Partial<Parameters<typeof sagaWorker>[0]> = {}) {
  const client = { send: vi.fn(send) };
  const handler = sagaWorker({ action: () => ({ chargeId: 'c-1' }), ...phases, client: client as never });
  return { client, handler };
}

describe('Function: sagaWorker (error paths)', () => {
  it("answers SendTaskFailure with the error's name and message when the phase throws, and the record is done", async () => {
    const { client, handler } = workerWith(async () => ({}), {
      action: () => {
        throw Object.assign(new Error('card declined'), { name: 'PaymentDeclined' });
      },
    });

    const response = await handler({ Records: [sqsRecordOf('m-1', task())] }, lambdaContext());

    expect(response.batchItemFailures).toEqual([]);
    const [command] = client.send.mock.calls[0]!;
    expect(command).toBeInstanceOf(SendTaskFailureCommand);
    expect((command as SendTaskFailureCommand).input).toEqual({ taskToken: 'token-1', error: 'PaymentDeclined', cause: 'card declined' });
  });

  it("hands the phase the task's traceparent from the message's headers, as the saga sends it", async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const seen: Array<string | undefined> = [];
    const { handler } = workerWith(async () => ({}), { action: (message) => seen.push(message.traceparent) });
    const traced = sqsRecordOf('m-1', task(), { body: encodeEnvelope({ id: 'm-1', publishedAt: '2026-01-02T03:04:05.000Z', headers: { traceparent }, payload: { body: task() } }) });

    await handler({ Records: [traced, sqsRecordOf('m-2', task())] }, lambdaContext());

    expect(seen).toEqual([traceparent, undefined]);
  });

  it('leaves the task open when the phase answers later', async () => {
    const { client, handler } = workerWith(async () => ({}), { action: () => answerLater });

    const response = await handler({ Records: [sqsRecordOf('m-1', task())] }, lambdaContext());

    expect(response.batchItemFailures).toEqual([]);
    expect(client.send).not.toHaveBeenCalled();
  });

  it('fails a compensation task when the worker has none', async () => {
    const { client, handler } = workerWith(async () => ({}));

    await handler({ Records: [sqsRecordOf('m-1', task({ phase: 'compensation' }))] }, lambdaContext());

    expect((client.send.mock.calls[0]![0] as SendTaskFailureCommand).input).toMatchObject({ error: 'Saga.NoCompensation' });
  });

  it.each(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken'])('counts a record done when its task is closed (%s): a redelivery does not loop', async (name) => {
    const { client, handler } = workerWith(async () => {
      throw serviceError(name);
    });

    const response = await handler({ Records: [sqsRecordOf('m-1', task()), sqsRecordOf('m-2', task({ taskToken: 'token-2' }))] }, lambdaContext());

    expect(response.batchItemFailures).toEqual([]);
    expect(client.send).toHaveBeenCalledTimes(2);
    expect(client.send.mock.calls[0]![0]).toBeInstanceOf(SendTaskSuccessCommand);
  });

  it('reports only the record whose answer could not be delivered, so that SQS redelivers it', async () => {
    const { handler } = workerWith(async (command) => {
      if ((command as SendTaskSuccessCommand).input.taskToken === 'token-2') throw serviceError('ThrottlingException');
      return {};
    });
    const delivered = sqsRecordOf('m-1', task());
    const throttled = sqsRecordOf('m-2', task({ taskToken: 'token-2' }));

    const response = await handler({ Records: [delivered, throttled] }, lambdaContext());

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: throttled.messageId }]);
  });

  it('sends a message that is not a saga task back without answering, towards the dead letters', async () => {
    const { client, handler } = workerWith(async () => ({}));
    const stray = sqsRecordOf('m-1', { hello: 'world' });
    const tokenless = sqsRecordOf('m-2', { ...task(), taskToken: undefined });
    const fine = sqsRecordOf('m-3', task());

    const response = await handler({ Records: [stray, tokenless, fine] }, lambdaContext());

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: stray.messageId }, { itemIdentifier: tokenless.messageId }]);
    expect(client.send).toHaveBeenCalledTimes(1);
  });
});
