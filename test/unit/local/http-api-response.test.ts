import { describe, expect, it } from 'vitest';
import { httpApiResponse } from '../../../local/http/http-api-response.ts';

const success = (payload: unknown) => httpApiResponse({ requestId: 'r', ok: true, payload });
const text = (response: ReturnType<typeof httpApiResponse>) => ({ ...response, body: response.body.toString() });

describe('httpApiResponse', () => {
  it('sends a response object as it describes itself', () => {
    const response = success({
      statusCode: 201,
      headers: { 'content-type': 'text/plain', 'x-count': 3 },
      multiValueHeaders: { 'x-many': ['a', 'b'] },
      cookies: ['a=1', 'b=2; Path=/'],
      body: 'created',
    });
    expect(text(response)).toEqual({
      statusCode: 201,
      headers: [
        ['content-type', 'text/plain'],
        ['x-count', '3'],
        ['x-many', 'a'],
        ['x-many', 'b'],
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2; Path=/'],
      ],
      body: 'created',
    });
  });

  it('decodes a base64 body', () => {
    expect(success({ statusCode: 200, body: Buffer.from([0, 255]).toString('base64'), isBase64Encoded: true }).body).toEqual(Buffer.from([0, 255]));
  });

  it('defaults a response without headers or body to empty', () => {
    expect(text(success({ statusCode: 204 }))).toEqual({ statusCode: 204, headers: [], body: '' });
  });

  it.each([[{ message: 'hi' }], ['hello'], [42], [null], [[1, 2]], [{ statuscode: 200 }]])('sends %j without statusCode as a 200 JSON body', (payload) => {
    expect(text(success(payload))).toEqual({ statusCode: 200, headers: [['content-type', 'application/json']], body: JSON.stringify(payload) });
  });

  const internalError = { statusCode: 500, headers: [['content-type', 'application/json']], body: '{"message":"Internal Server Error"}' };

  it('answers a function error with 500', () => {
    expect(text(httpApiResponse({ requestId: 'r', ok: false, error: { errorType: 'Error', errorMessage: 'boom' } }))).toEqual(internalError);
  });

  it.each([[{ statusCode: 'abc' }], [{ statusCode: 99 }], [{ statusCode: 200, body: { not: 'a string' } }], [{ statusCode: 200, headers: 'x' }]])(
    'answers a malformed response %j with 500',
    (payload) => {
      expect(text(success(payload))).toEqual(internalError);
    },
  );
});
