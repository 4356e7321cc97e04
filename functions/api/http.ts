import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Services } from './services.ts';

/** The parts of an HTTP API request that operations read. */
export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly pathParameters: Readonly<Record<string, string | undefined>>;
  /** API Gateway's `queryStringParameters`: a repeated parameter's values joined with commas. */
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Every value of each query parameter, in order, read from the raw query string. */
  readonly queryValues: Readonly<Record<string, readonly string[]>>;
  /** The parsed JSON body; undefined when the request had none. */
  readonly body: unknown;
  /** The request's W3C `traceparent` when valid: publish and produce pass it on in the messages' headers. */
  readonly traceparent?: string | undefined;
  /** Epoch ms by which the response must be on its way (Lambda's and API Gateway's limits). */
  readonly deadline: number;
}

export interface ApiResult {
  readonly status: number;
  /** Sent as JSON; none for 204. */
  readonly body?: unknown;
  /** Sent as is instead of `body`, with the content-type of `headers`. */
  readonly text?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One operation of the route table: parse and validate, call core and adapters, respond. */
export type OperationHandler = (request: ApiRequest, services: Services) => Promise<ApiResult>;

export function toHttpResponse(result: ApiResult): APIGatewayProxyStructuredResultV2 {
  if (result.text !== undefined) return { statusCode: result.status, headers: { ...result.headers }, body: result.text };
  if (result.body === undefined) return { statusCode: result.status, headers: { ...result.headers } };
  return {
    statusCode: result.status,
    headers: { 'content-type': 'application/json', ...result.headers },
    body: JSON.stringify(result.body),
  };
}
