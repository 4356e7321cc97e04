import { describe, expect, it } from 'vitest';
import { httpApiEvent, type GatewayRequest } from '../../../local/http/http-api-event.ts';

const request = (overrides: Partial<GatewayRequest> = {}): GatewayRequest => ({
  method: 'POST',
  url: '/items/a%20b?x=1&x=2&y=&z=a%2Bb',
  httpVersion: '1.1',
  headers: [
    ['Host', '127.0.0.1:4000'],
    ['User-Agent', 'curl/8'],
    ['X-Multi', 'one'],
    ['x-multi', 'two'],
    ['Cookie', 'a=1; b=2'],
    ['Content-Type', 'application/json; charset=utf-8'],
  ],
  body: Buffer.from('{"hello":"world"}'),
  sourceIp: '127.0.0.1',
  localPort: 4000,
  requestId: 'req-1',
  receivedAt: new Date(Date.UTC(2020, 2, 12, 19, 3, 58, 390)),
  ...overrides,
});

const route = { routeKey: 'POST /items/{id}', pathParameters: { id: 'a b' }, apiId: 'api123', accountId: '123456789012' };

describe('httpApiEvent', () => {
  it('builds a payload format 2.0 event', () => {
    expect(httpApiEvent(request(), route)).toEqual({
      version: '2.0',
      routeKey: 'POST /items/{id}',
      rawPath: '/items/a%20b',
      rawQueryString: 'x=1&x=2&y=&z=a%2Bb',
      cookies: ['a=1', 'b=2'],
      headers: {
        host: '127.0.0.1:4000',
        'user-agent': 'curl/8',
        'x-multi': 'one,two',
        'content-type': 'application/json; charset=utf-8',
        'x-forwarded-for': '127.0.0.1',
        'x-forwarded-port': '4000',
        'x-forwarded-proto': 'http',
      },
      queryStringParameters: { x: '1,2', y: '', z: 'a+b' },
      requestContext: {
        accountId: '123456789012',
        apiId: 'api123',
        domainName: '127.0.0.1:4000',
        domainPrefix: '127',
        http: { method: 'POST', path: '/items/a%20b', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'curl/8' },
        requestId: 'req-1',
        routeKey: 'POST /items/{id}',
        stage: '$default',
        time: '12/Mar/2020:19:03:58 +0000',
        timeEpoch: 1584039838390,
      },
      pathParameters: { id: 'a b' },
      body: '{"hello":"world"}',
      isBase64Encoded: false,
    });
  });

  it('omits cookies, query parameters, path parameters and body when there are none', () => {
    const event = httpApiEvent(request({ method: 'GET', url: '/', headers: [['host', 'localhost']], body: Buffer.alloc(0) }), {
      ...route,
      routeKey: '$default',
      pathParameters: {},
    });
    expect(event).not.toHaveProperty('cookies');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('pathParameters');
    expect(event).not.toHaveProperty('body');
    expect(event.isBase64Encoded).toBe(false);
    expect(event.rawQueryString).toBe('');
    expect(event.requestContext.http.userAgent).toBe('');
  });

  it.each([
    ['application/octet-stream', true],
    ['image/png', true],
    ['application/x-www-form-urlencoded', true],
    [undefined, true],
    ['text/plain', false],
    ['TEXT/CSV; charset=utf-8', false],
    ['application/xml', false],
    ['application/javascript', false],
  ])('base64-encodes a %s body: %s', (contentType, base64) => {
    const body = Buffer.from([0x68, 0x69, 0xff]);
    const event = httpApiEvent(request({ headers: contentType ? [['content-type', contentType]] : [], body }), route);
    expect(event.isBase64Encoded).toBe(base64);
    expect(event.body).toBe(body.toString(base64 ? 'base64' : 'utf8'));
  });

  it('appends the client address to a forwarded-for chain', () => {
    const event = httpApiEvent(request({ headers: [['X-Forwarded-For', '10.0.0.1']], sourceIp: '127.0.0.2' }), route);
    expect(event.headers['x-forwarded-for']).toBe('10.0.0.1,127.0.0.2');
  });
});
