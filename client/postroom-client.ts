import { ok, rawClient, type RawClient } from './http.ts';
import { PostroomError } from './problem-error.ts';
import { ExchangeClient, Exchanges } from './exchanges.ts';
import { QueueClient, Queues } from './queues.ts';
import { defaultRetryOptions, type RetryOptions } from './retry.ts';
import { SagaClient, Sagas } from './sagas.ts';
import type { RequestSigner, SigningOptions } from './sigv4.ts';
import { StreamClient, Streams } from './streams.ts';
import type { ReplySent, SendReplyRequest } from './types.ts';

export interface PostroomClientOptions {
  /**
   * The API's base URL: `npm start`'s, or a deployed stack's (its `ApiUrl` output).
   * @default process.env.POSTROOM_ENDPOINT ?? 'http://127.0.0.1:4000'
   */
  readonly endpoint?: string;
  /**
   * SigV4 signing (service execute-api), as a deployed stack's IAM authorization requires: `true`
   * with the default AWS credential chain, or given credentials and region; `false` for none.
   * @default false for a loopback endpoint (`npm start`), true for any other
   */
  readonly signing?: boolean | SigningOptions;
  /**
   * Retries on 429, 503, 504 and network errors, of requests that cannot apply twice; `false` for
   * none. See {@link RetryOptions} for the defaults.
   */
  readonly retry?: Partial<RetryOptions> | false;
  /**
   * The fetch to send requests with.
   * @default globalThis.fetch
   */
  readonly fetch?: (request: Request) => Promise<Response>;
}

/**
 * A typed client for Postroom's HTTP API.
 *
 * @example
 * ```ts
 * import { PostroomClient } from 'postroom/client';
 * const client = new PostroomClient(); // http://127.0.0.1:4000, or POSTROOM_ENDPOINT
 * await client.queue('orders').publish({ body: { id: 1 } });
 * ```
 */
export class PostroomClient {
  /** The base URL requests go to. */
  readonly endpoint: string;
  /** The openapi-fetch client, typed by the API document, for any route. */
  readonly raw: RawClient;
  readonly queues: Queues;
  readonly exchanges: Exchanges;
  readonly streams: Streams;
  readonly sagas: Sagas;
  readonly #fetch: (request: Request) => Promise<Response>;

  constructor(options: PostroomClientOptions = {}) {
    this.endpoint = (options.endpoint ?? defaultEndpoint()).replace(/\/+$/, '');
    const url = new URL(this.endpoint);
    const signing = options.signing ?? !isLoopback(url);
    // Looked up per call, so that a fetch replaced later (by a test, a polyfill) is used.
    this.#fetch = options.fetch ?? ((request) => globalThis.fetch(request));
    this.raw = rawClient({
      baseUrl: this.endpoint,
      fetch: this.#fetch,
      retry: options.retry === false ? { ...defaultRetryOptions, attempts: 1 } : { ...defaultRetryOptions, ...options.retry },
      signer: signing === false ? undefined : lazySigner(url, signing === true ? {} : signing),
    });
    this.queues = new Queues(this.raw);
    this.exchanges = new Exchanges(this.raw);
    this.streams = new Streams(this.raw);
    this.sagas = new Sagas(this.raw);
  }

  queue(name: string): QueueClient {
    return new QueueClient(this.raw, name);
  }

  exchange(name: string): ExchangeClient {
    return new ExchangeClient(this.raw, name);
  }

  stream(name: string): StreamClient {
    return new StreamClient(this.raw, name);
  }

  saga(name: string): SagaClient {
    return new SagaClient(this.raw, name);
  }

  /**
   * Uploads a body too large for one request (up to 32 MiB) to a presigned URL, and answers the
   * upload id a publish then names: `queue.publish({ upload })`. Receivers get bodies over 5 MiB
   * as `bodyUrl`, a presigned GET valid 15 minutes.
   */
  async upload(bytes: Uint8Array<ArrayBuffer>, contentType?: string): Promise<string> {
    const target = await ok(this.raw.POST('/v1/uploads', { body: { bytes: bytes.byteLength, contentType } }));
    const put = await this.#fetch(new Request(target.url, { method: target.method, headers: target.headers, body: bytes }));
    if (!put.ok) throw new PostroomError(put.status, await put.text(), put.statusText);
    return target.uploadId;
  }

  /**
   * Answers a request-reply request received from a queue: the reply goes to its `replyTo`, with
   * its `correlationId`, and the waiting `rpc` call returns it.
   */
  async reply(request: { readonly replyTo?: string; readonly correlationId?: string }, answer: Omit<SendReplyRequest, 'replyTo' | 'correlationId'>): Promise<ReplySent> {
    if (request.replyTo === undefined || request.correlationId === undefined) throw new TypeError('the message has no replyTo and correlationId: it is not a request');
    return ok(this.raw.POST('/v1/replies', { body: { ...answer, replyTo: request.replyTo, correlationId: request.correlationId } }));
  }
}

function defaultEndpoint(): string {
  // `process` is Node's; a browser has none.
  return (typeof process === 'undefined' ? undefined : process.env.POSTROOM_ENDPOINT) || 'http://127.0.0.1:4000';
}

/** npm start's address (and any on loopback): the client sends unsigned there by default, so does `postroom console`. */
export function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

/** The signer, imported and built on the first request that needs it. */
function lazySigner(endpoint: URL, options: SigningOptions): () => Promise<RequestSigner> {
  let signer: Promise<RequestSigner> | undefined;
  return () => (signer ??= import('./sigv4.ts').then(({ createSigner }) => createSigner(endpoint, options)));
}
