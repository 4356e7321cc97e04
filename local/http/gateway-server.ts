import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { consoleResponse, type ConsoleFiles } from './console-assets.ts';
import { httpApiEvent, type GatewayRequest } from './http-api-event.ts';
import { gatewayError, httpApiResponse, type GatewayResponse } from './http-api-response.ts';
import type { HttpApi } from './http-api.ts';
import { sigV4Verifier, type SigV4Key } from './sigv4-verification.ts';

/** API Gateway's request payload limit. */
const maxBodyBytes = 10 * 1024 * 1024;

export interface Gateway {
  readonly url: string;
  /** Starts answering with the API's routes; until then every request gets a 503. */
  serve(api: HttpApi, accountId: string): void;
  close(): Promise<void>;
}

/**
 * The local stand-in for API Gateway: a node:http server on loopback. It checks no IAM policy or
 * authorizer: it listens on 127.0.0.1 only and is meant for local development. With `sigV4Key`
 * it checks every API request's SigV4 signature against that key, as IAM authorization does (a 403
 * otherwise), so that a signing client can be proven locally. With `console` it also serves the
 * web console's files under /console; every other path stays the API's.
 */
export async function startGateway(options: {
  readonly host: string;
  readonly port: number;
  /** Gets one line per request: method, path, status and duration. */
  readonly requestLog?: ((line: string) => void) | undefined;
  readonly sigV4Key?: SigV4Key | undefined;
  /** Text appended to a route's 200 answers: what the local runtime knows and a deployed function cannot (see EmfCollector). */
  readonly appendToRoute?: { readonly routeKey: string; readonly text: () => Promise<string> } | undefined;
  /** The web console's files, served at /console (not an API route: API Gateway has no such thing). */
  readonly console?: ConsoleFiles | undefined;
}): Promise<Gateway> {
  const verify = options.sigV4Key && sigV4Verifier(options.sigV4Key);
  let handle: ((request: GatewayRequest) => Promise<GatewayResponse>) | undefined;
  const server = createServer((request, response) => {
    if (options.requestLog) logWhenAnswered(request, response, options.requestLog);
    void answer(request, response, handle);
  });
  // Idle connections outlive the clients' own keep-alive (undici's fetch keeps one 4 s by
  // default): with Node's 5 s a client busy past it could send on a socket the gateway was
  // closing, and get ECONNRESET.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const port = await listen(server, options.host, options.port);
  return {
    url: `http://${options.host}:${port}`,
    serve(api, accountId) {
      handle = async (request) => {
        const consoleFile = options.console && consoleResponse(request.method, request.url, options.console);
        if (consoleFile) return consoleFile;
        const refusal = await verify?.(request);
        if (refusal !== undefined) return gatewayError(403, refusal);
        const match = api.match(request.method, request.url.split('?')[0]!);
        if (!match) return gatewayError(404, 'Not Found');
        const event = httpApiEvent(request, { routeKey: match.route.routeKey, pathParameters: match.pathParameters, apiId: api.apiId, accountId });
        const { function: fn, timeoutMs } = match.route.target;
        let timer: NodeJS.Timeout | undefined;
        const integrationTimeout = new Promise<GatewayResponse>((resolve) => {
          timer = setTimeout(() => resolve(gatewayError(503, 'Service Unavailable')), timeoutMs);
        });
        const response = await Promise.race([fn.invoke(event).then(httpApiResponse), integrationTimeout]);
        clearTimeout(timer);
        const append = options.appendToRoute;
        if (append?.routeKey !== match.route.routeKey || response.statusCode !== 200) return response;
        return { ...response, body: Buffer.concat([response.body, Buffer.from(await append.text())]) };
      };
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Fails with a readable message when the port is taken; for checking before slow start-up work. */
export async function assertPortFree(host: string, port: number): Promise<void> {
  const probe = createServer();
  await listen(probe, host, port);
  await new Promise((resolve) => probe.close(resolve));
}

async function listen(server: Server, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${port} on ${host} is already in use: set PORT to another port (PORT=0 picks a free one)`) : error),
    );
    server.listen(port, host, resolve);
  });
  return (server.address() as AddressInfo).port;
}

/** `POST /v1/queues/orders/messages 202 14ms`, once the response is sent (or the client has gone). */
function logWhenAnswered(request: IncomingMessage, response: ServerResponse, log: (line: string) => void): void {
  const started = performance.now();
  response.once('close', () => log(`${request.method} ${request.url} ${response.statusCode} ${Math.round(performance.now() - started)}ms`));
}

async function answer(request: IncomingMessage, response: ServerResponse, handle: ((request: GatewayRequest) => Promise<GatewayResponse>) | undefined): Promise<void> {
  const requestId = randomBytes(10).toString('base64url');
  let result: GatewayResponse;
  try {
    const body = await readBody(request);
    if (!body) result = gatewayError(413, 'Request Entity Too Large');
    else if (!handle) result = gatewayError(503, 'Service Unavailable');
    else result = await handle(describeRequest(request, body, requestId));
  } catch {
    result = gatewayError(500, 'Internal Server Error');
  }
  // The gateway frames the body itself, whatever length the function claimed.
  const headers = result.headers.filter(([name]) => name.toLowerCase() !== 'content-length').map(([name, value]) => [name, value]);
  headers.push(['content-length', String(result.body.length)], ['apigw-requestid', requestId]);
  response.writeHead(result.statusCode, headers.flat());
  response.end(result.body);
}

function describeRequest(request: IncomingMessage, body: Buffer, requestId: string): GatewayRequest {
  const headers: Array<[string, string]> = [];
  for (let index = 0; index < request.rawHeaders.length; index += 2) headers.push([request.rawHeaders[index]!, request.rawHeaders[index + 1]!]);
  return {
    method: request.method ?? 'GET',
    url: request.url ?? '/',
    httpVersion: request.httpVersion,
    headers,
    body,
    sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    localPort: request.socket.localPort ?? 0,
    requestId,
    receivedAt: new Date(),
  };
}

/** The request body, or undefined when it exceeds API Gateway's limit. */
async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
