import {
  ExecutionAlreadyExists,
  InvalidToken,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  TaskDoesNotExist,
  TaskTimedOut,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { SagaExecutions } from '../../../functions/adapters/saga-executions.ts';
import { TaskAnswers } from '../../../functions/adapters/task-answers.ts';
import { SagaArns } from '../../../functions/core/sagas/saga-arns.ts';

// Only the error paths moto cannot produce on demand are faked here; the rest runs against moto
// (test/integration/saga-api.test.ts).

const metadata = { $metadata: {} };

/** A client whose every call answers with `answer(command)`; records the commands sent. */
function fakeClient(answer: (command: unknown) => unknown) {
  const sent: unknown[] = [];
  const client = {
    send: async (command: unknown) => {
      sent.push(command);
      const result = answer(command);
      if (result instanceof Error) throw result;
      return result;
    },
  } as unknown as SFNClient;
  return { client, sent };
}

const arns = new SagaArns('arn:aws:states:us-east-1:123456789012:stateMachine:', 'P_');

describe('Class: TaskAnswers', () => {
  it.each([
    ['InvalidToken', new InvalidToken({ message: 'Invalid Token', ...metadata }), 400, 'invalid_task_token'],
    ['TaskDoesNotExist', new TaskDoesNotExist({ message: 'gone', ...metadata }), 404, 'task_not_found'],
    ['TaskTimedOut', new TaskTimedOut({ message: 'closed', ...metadata }), 410, 'task_timed_out'],
  ])('answers %s with %i %s', async (_name, error, status, code) => {
    const { client } = fakeClient(() => error);

    await expect(new TaskAnswers(client).succeed('token', '{}')).rejects.toMatchObject({ status, code });
    await expect(new TaskAnswers(client).fail('token', 'E', 'C')).rejects.toMatchObject({ status, code });
  });

  it('passes other failures on unchanged', async () => {
    const boom = new Error('network');
    const { client, sent } = fakeClient(() => boom);

    await expect(new TaskAnswers(client).succeed('token', '{"a":1}')).rejects.toBe(boom);
    expect(sent[0]).toBeInstanceOf(SendTaskSuccessCommand);
  });
});

describe('Class: SagaExecutions', () => {
  it('answers a start on a missing state machine with 404 saga_not_found', async () => {
    const { client } = fakeClient(() => new StateMachineDoesNotExist({ message: 'no', ...metadata }));

    await expect(new SagaExecutions(client, arns).start('order', 'e1', '{"input":1}')).rejects.toMatchObject({ status: 404, code: 'saga_not_found' });
  });

  it('treats an existing execution with the same input, keys in another order, as the same start (not a new one)', async () => {
    const { client } = fakeClient((command) =>
      command instanceof StartExecutionCommand
        ? new ExecutionAlreadyExists({ message: 'exists', ...metadata })
        : { input: '{"input": {"b": 2, "a": 1}}', status: 'SUCCEEDED' },
    );

    await expect(new SagaExecutions(client, arns).start('order', 'e1', '{"input":{"a":1,"b":2}}')).resolves.toBe(false);
    await expect(new SagaExecutions(client, arns).start('order', 'e1', '{"input":{"a":1,"b":3}}')).rejects.toMatchObject({ status: 409, code: 'execution_exists' });
  });

  it('answers a bad nextToken with 400 invalid_request naming it', async () => {
    const { client } = fakeClient(() => new InvalidToken({ message: 'Invalid Token', ...metadata }));

    await expect(new SagaExecutions(client, arns).list('order', { max: 10, nextToken: 'x' })).rejects.toMatchObject({
      status: 400,
      code: 'invalid_request',
      extensions: { errors: [expect.objectContaining({ path: 'nextToken' })] },
    });
  });
});
