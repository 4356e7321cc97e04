import type { Request } from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { jsonBody, type JsonApiEvent } from '../../../functions/api/middleware/json-body.ts';
import { InvalidJsonError, UnsupportedMediaTypeError } from '../../../functions/core/problems/index.ts';
import { apiGatewayEvent, lambdaContext } from '../../../testing/handler-harness.ts';

function runBefore(event: JsonApiEvent): JsonApiEvent {
  const request: Request<JsonApiEvent, unknown, Error, Context> = {
    event,
    context: lambdaContext(),
    response: undefined,
    error: undefined,
    internal: {},
  };
  jsonBody().before?.(request);
  return request.event;
}

const post = (rawBody: string | undefined, contentType?: string, path = '/v1/queues/q/messages') =>
  apiGatewayEvent({
    method: 'POST',
    path,
    ...(rawBody === undefined ? {} : { rawBody }),
    ...(contentType ? { headers: { 'content-type': contentType } } : {}),
  });

describe('jsonBody', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/problem+json'])(
    'parses a body sent as %s',
    (contentType) => {
      expect(runBefore(post('{"body":null}', contentType)).parsedBody).toEqual({ body: null });
    },
  );

  it('decodes a base64-encoded body before parsing it', () => {
    const event = { ...post(Buffer.from('[1,2]').toString('base64'), 'application/json'), isBase64Encoded: true };

    expect(runBefore(event).parsedBody).toEqual([1, 2]);
  });

  it('leaves an empty body as no body, whatever its content type', () => {
    expect(runBefore(post(undefined)).parsedBody).toBeUndefined();
    expect(runBefore(post('', 'text/plain')).parsedBody).toBeUndefined();
  });

  it.each([undefined, 'text/plain', 'application/jsonx', 'application/x-www-form-urlencoded'])(
    'answers a body sent as %s with 415',
    (contentType) => {
      expect(() => runBefore(post('{}', contentType))).toThrow(UnsupportedMediaTypeError);
    },
  );

  it('answers malformed JSON with 400 invalid_json', () => {
    expect(() => runBefore(post('{"a":', 'application/json'))).toThrow(InvalidJsonError);
  });

  it('leaves the body of an unmatched route alone, so it gets its 404', () => {
    expect(runBefore(post('not json', 'text/plain', '/nowhere')).parsedBody).toBeUndefined();
  });
});
