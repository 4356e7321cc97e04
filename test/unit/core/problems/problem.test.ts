import { describe, expect, it } from 'vitest';
import {
  errorName,
  InternalError,
  InvalidQueueNameError,
  MessageTooLargeError,
  QueueExistsWithDifferentSettingsError,
  QueueNotEmptyError,
  QueueNotFoundError,
  ProblemError,
  RequestUnroutableError,
  toProblemDocument,
} from '../../../../functions/core/problems/index.ts';

describe('problem', () => {
  it('formats an RFC 9457 document with code, detail and instance', () => {
    const problem = new QueueNotFoundError('orders');

    const document = toProblemDocument(problem, '/v1/queues/orders');

    expect(document).toEqual({
      type: 'urn:postroom:problem:queue_not_found',
      title: 'Queue not found',
      status: 404,
      code: 'queue_not_found',
      detail: expect.stringContaining('"orders"'),
      instance: '/v1/queues/orders',
    });
  });

  it('adds extension members but never lets them replace the standard ones', () => {
    const problem = new ProblemError({
      status: 400,
      code: 'example',
      title: 'Example',
      detail: 'Do this.',
      extensions: { status: 999, hint: 'kept' },
    });

    expect(toProblemDocument(problem)).toEqual({
      type: 'urn:postroom:problem:example',
      title: 'Example',
      status: 400,
      code: 'example',
      detail: 'Do this.',
      hint: 'kept',
    });
  });

  it('names a problem after its code, also in a minified bundle', () => {
    expect(errorName('queue_not_found')).toBe('QueueNotFoundError');
    expect(new InternalError().name).toBe('InternalError');
    // The request-reply flavour of unroutable is the same problem to a client and in the logs.
    expect(new RequestUnroutableError('x', 'k').name).toBe('UnroutableError');
  });

  it('is an Error whose message is the detail and whose name is its class', () => {
    const problem = new InvalidQueueNameError('a b');

    expect(problem).toBeInstanceOf(Error);
    expect(problem.name).toBe('InvalidQueueNameError');
    expect(problem.message).toBe(problem.detail);
    expect(problem.detail).toContain('"a b"');
  });

  it('names every differing setting in a 409 for a conflicting declaration', () => {
    const problem = new QueueExistsWithDifferentSettingsError('q', [
      { setting: 'maxDeliveries', existing: 5, requested: 3 },
      { setting: 'delaySeconds', existing: 0, requested: 10 },
    ]);

    expect(problem.status).toBe(409);
    expect(problem.detail).toContain('maxDeliveries is 5, not 3; delaySeconds is 0, not 10');
  });

  it('says what the queue still holds when it is not empty', () => {
    const problem = new QueueNotEmptyError('q', { ready: 2, inFlight: 1, delayed: 0 });

    expect(problem.detail).toContain('2 ready, 1 in flight, 0 delayed');
    expect(toProblemDocument(problem)).toMatchObject({ code: 'queue_not_empty', messages: { ready: 2, inFlight: 1, delayed: 0 } });
  });

  it('identifies the oversized message of a 413', () => {
    const problem = new MessageTooLargeError(3, 'big', 2_000_000, 1_047_552);

    expect(toProblemDocument(problem)).toMatchObject({ status: 413, index: 3, messageId: 'big', bytes: 2_000_000, limit: 1_047_552 });
  });
});
