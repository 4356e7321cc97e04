import { idempotencyKey, ok, type RawClient } from './http.ts';
import { sleep } from './retry.ts';
import type { Execution, ExecutionList, ExecutionStarted, ExecutionStatus, SagaSummary } from './types.ts';

/** `client.sagas`: the deployed sagas. */
export class Sagas {
  readonly #raw: RawClient;

  constructor(raw: RawClient) {
    this.#raw = raw;
  }

  async list(): Promise<SagaSummary[]> {
    return (await ok(this.#raw.GET('/v1/sagas'))).sagas;
  }
}

export interface WaitOptions {
  /** Stops waiting (rejects with the signal's reason). */
  readonly signal?: AbortSignal;
  /**
   * Milliseconds between two looks at the execution.
   * @default 500
   */
  readonly pollMs?: number;
}

/**
 * One saga: `client.saga('order')`.
 *
 * @example
 * ```ts
 * const { executionId } = await client.saga('order').start({ orderId: 'o-1' });
 * const execution = await client.saga('order').wait(executionId);
 * ```
 */
export class SagaClient {
  readonly #raw: RawClient;
  readonly name: string;

  constructor(raw: RawClient, name: string) {
    this.#raw = raw;
    this.name = name;
  }

  /**
   * Starts an execution. With an `executionId` the start is idempotent (the same id and input get
   * the same answer, another input 409 execution_exists); without one the API picks a UUID.
   */
  async start(input: unknown, options: { readonly executionId?: string } = {}): Promise<ExecutionStarted> {
    return ok(
      this.#raw.POST('/v1/sagas/{name}/executions', {
        params: { path: { name: this.name }, header: { 'Idempotency-Key': idempotencyKey() } },
        body: { input, ...(options.executionId !== undefined && { executionId: options.executionId }) },
      }),
    );
  }

  /** An execution with its steps. */
  async describe(executionId: string): Promise<Execution> {
    return ok(this.#raw.GET('/v1/sagas/{name}/executions/{executionId}', { params: { path: { name: this.name, executionId } } }));
  }

  /** The saga's executions, newest first, a page at a time (`nextToken` for the next). */
  async list(options: { readonly status?: ExecutionStatus; readonly max?: number; readonly nextToken?: string } = {}): Promise<ExecutionList> {
    return ok(this.#raw.GET('/v1/sagas/{name}/executions', { params: { path: { name: this.name }, query: options } }));
  }

  /** Resolves with the execution once it has ended (any status but RUNNING). */
  async wait(executionId: string, options: WaitOptions = {}): Promise<Execution> {
    for (;;) {
      const execution = await this.describe(executionId);
      if (execution.status !== 'RUNNING') return execution;
      await sleep(options.pollMs ?? 500, options.signal);
    }
  }
}
