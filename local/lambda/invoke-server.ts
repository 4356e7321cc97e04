import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { functionName } from '../event-sources/event-source-mapping.ts';
import { recordInvoke } from '../iam/call-log.ts';
import type { LocalFunction } from './local-function.ts';

export interface InvokeServer {
  /** What the functions' AWS_ENDPOINT_URL_LAMBDA names, so their SDK's Invoke reaches local functions. */
  readonly url: string;
  close(): Promise<void>;
}

/** `POST /2015-03-31/functions/{FunctionName}/invocations`, the path of Lambda's Invoke. */
const invokePath = /^\/2015-03-31\/functions\/([^/]+)\/invocations(?:\?|$)/;

/**
 * Lambda's Invoke API for the functions the local runtime runs (the emulator cannot run them): a
 * function that calls another through the SDK gets the same answers as from Lambda, a payload, or
 * `X-Amz-Function-Error` with the error payload, or 404 ResourceNotFoundException. `Event`
 * invocations are answered 202 and run in the background. Loopback only, no SigV4 check; with
 * POSTROOM_IAM_LOG the calling function's Invoke is logged for the IAM proof.
 */
export async function startInvokeServer(functions: ReadonlyMap<string, LocalFunction>, host: string): Promise<InvokeServer> {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
    const match = invokePath.exec(request.url ?? '');
    const fn = match && functions.get(functionName(decodeURIComponent(match[1]!)));
    if (request.method !== 'POST' || !fn) {
      response.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' });
      response.end(JSON.stringify({ Type: 'User', message: `Function not found: ${match?.[1] ?? request.url}` }));
      return;
    }
    recordInvoke([...functions.values()].map((candidate) => candidate.definition), request.headers.authorization, decodeURIComponent(match![1]!));
    let event: unknown;
    try {
      const body = Buffer.concat(chunks).toString('utf8');
      event = body === '' ? {} : JSON.parse(body);
    } catch {
      response.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'InvalidRequestContentException' });
      response.end(JSON.stringify({ Type: 'User', message: 'Could not parse request body into json' }));
      return;
    }
    if (request.headers['x-amz-invocation-type'] === 'Event') {
      void fn.invoke(event);
      response.writeHead(202).end();
      return;
    }
    const result = await fn.invoke(event);
    const headers = { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST', 'x-amzn-requestid': result.requestId };
    if (result.ok) response.writeHead(200, headers).end(JSON.stringify(result.payload ?? null));
    else response.writeHead(200, { ...headers, 'x-amz-function-error': 'Unhandled' }).end(JSON.stringify(result.error));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
