import { Logger } from '@aws-lambda-powertools/logger';
import type { Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { problemResponses } from '../../../functions/api/middleware/problem-responses.ts';
import { QueueNotFoundError } from '../../../functions/core/problems/index.ts';
import { apiGatewayEvent, lambdaContext } from '../../../testing/handler-harness.ts';

function answer(error: unknown) {
  const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
  const logged = { error: vi.spyOn(logger, 'error'), warn: vi.spyOn(logger, 'warn') };
  const request: Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, unknown, Context> = {
    event: apiGatewayEvent({ method: 'GET', path: '/v1/queues/q' }),
    context: lambdaContext(),
    response: undefined,
    error,
    internal: {},
  };
  problemResponses(logger).onError?.(request as Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>);
  const response = request.response!;
  return { response, problem: JSON.parse(response.body ?? '{}'), logged };
}

describe('problemResponses', () => {
  it('answers a problem error with its own problem+json document', () => {
    const { response, problem, logged } = answer(new QueueNotFoundError('q'));

    expect(response.statusCode).toBe(404);
    expect(response.headers).toEqual({ 'content-type': 'application/problem+json' });
    expect(problem).toMatchObject({ status: 404, code: 'queue_not_found', instance: '/v1/queues/q' });
    expect(logged.error).not.toHaveBeenCalled();
  });

  it.each([
    ['throttling', { name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 } }],
    ['a 5xx', { name: 'InternalError', $fault: 'server', $metadata: { httpStatusCode: 500 } }],
    ['a refused connection', { name: 'Error', code: 'ECONNREFUSED' }],
  ])('answers %s from AWS with a retriable 503, logged as a warning', (_case, fields) => {
    const { response, problem, logged } = answer(Object.assign(new Error('aws'), fields));

    expect(response.statusCode).toBe(503);
    expect(problem.code).toBe('service_unavailable');
    expect(logged.warn).toHaveBeenCalled();
  });

  it('answers anything unexpected with 500 internal_error and logs the error', () => {
    const bug = new TypeError('undefined is not a function');

    const { response, problem, logged } = answer(bug);

    expect(response.statusCode).toBe(500);
    expect(problem.code).toBe('internal_error');
    expect(problem.detail).not.toContain('undefined is not a function');
    expect(logged.error).toHaveBeenCalledWith('unexpected error', { error: bug });
  });
});
