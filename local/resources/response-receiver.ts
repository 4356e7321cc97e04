import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A one-shot local stand-in for CloudFormation's pre-signed response URL. */
export interface ResponseReceiver {
  readonly url: string;
  /** The JSON document PUT to `url` so far; undefined while none came. */
  received(): unknown;
  close(): void;
}

export async function receiveResponse(host: string): Promise<ResponseReceiver> {
  let response: unknown;
  const server = createServer((request, reply) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        response = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        response = { Status: 'FAILED', Reason: `the response is not JSON: ${(error as Error).message}` };
      }
      reply.end();
    });
  });
  await new Promise<void>((listening) => server.listen(0, host, listening));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host}:${port}/response`, received: () => response, close: () => server.close() };
}
