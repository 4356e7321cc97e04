import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import type { FunctionError, InvokeMessage, ReplyMessage, WorkerConfig } from './worker-protocol.ts';

/**
 * Each sandbox's young generation. V8 sizes it from the heap limit, and under load a 512 MB
 * function's grew its heap from 63 to 162 MB for 44 MB in use; Lambda gives every environment a VM
 * of its own, but here all sandboxes share one process, so `npm start` grew in such steps. At 16 MB
 * the soak's throughput was the same and its memory 60-80 MB lower (README, "Soak").
 */
const YOUNG_GENERATION_MB = 16;

export type Reply = { readonly payload: string } | { readonly error: FunctionError };

/**
 * One execution environment of a function: a worker thread with its own environment variables and
 * a heap capped at the function's memory size. It runs invocations concurrently. After a timeout
 * it takes no new invocation and is terminated once the others finish, as Lambda discards a
 * sandbox whose invocation timed out.
 */
export class Sandbox {
  readonly #worker: Worker;
  readonly #pending = new Map<number, (reply: Reply) => void>();
  #nextId = 0;
  #exitError?: FunctionError;
  #retiring = false;
  /** Settles when the worker thread has exited. */
  readonly exited: Promise<void>;

  /** `output` gets each line the function prints to stdout (its logs and EMF records, which Lambda sends to CloudWatch Logs). */
  constructor(config: WorkerConfig, env: Readonly<Record<string, string>>, log: (line: string) => void, output: (line: string) => void) {
    // worker.ts in the repo, worker.js compiled into the package's dist/.
    this.#worker = new Worker(new URL(`./worker${extname(import.meta.url)}`, import.meta.url), {
      workerData: config,
      env,
      resourceLimits: { maxOldGenerationSizeMb: config.memorySize, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      stdout: true,
    });
    createInterface({ input: this.#worker.stdout, crlfDelay: Infinity }).on('line', output);
    this.#worker.on('message', (reply: ReplyMessage) => this.#settle(reply.id, 'payload' in reply ? { payload: reply.payload } : { error: reply.error }));
    this.#worker.on('error', (error: Error & { code?: string }) => {
      this.#exitError =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { errorType: 'Runtime.OutOfMemory', errorMessage: `Runtime exited: out of memory (${config.memorySize} MB)` }
          : { errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: ${error.name}: ${error.message}` };
      log(`function ${config.functionName}: ${this.#exitError.errorMessage}`);
    });
    this.exited = new Promise((resolve) =>
      this.#worker.once('exit', (code) => {
        this.#exitError ??= { errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with code ${code}` };
        for (const id of [...this.#pending.keys()]) this.#settle(id, { error: this.#exitError });
        resolve();
      }),
    );
  }

  /** Whether new invocations may go here. */
  get usable(): boolean {
    return !this.#exitError && !this.#retiring;
  }

  invoke(message: Omit<InvokeMessage, 'id'>, timeoutMs: number): Promise<Reply> {
    if (this.#exitError) return Promise.resolve({ error: this.#exitError });
    const id = this.#nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#settle(id, { error: { errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds` } });
        this.#retiring = true;
        this.#terminateWhenIdle();
      }, timeoutMs);
      this.#pending.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.#worker.postMessage({ ...message, id } satisfies InvokeMessage);
    });
  }

  async terminate(): Promise<void> {
    this.#exitError ??= { errorType: 'Runtime.ExitError', errorMessage: 'Runtime stopped' };
    await this.#worker.terminate();
  }

  #settle(id: number, reply: Reply): void {
    const resolve = this.#pending.get(id);
    if (!resolve) return; // answered after its timeout: dropped, as Lambda drops it
    this.#pending.delete(id);
    resolve(reply);
    this.#terminateWhenIdle();
  }

  #terminateWhenIdle(): void {
    if (this.#retiring && this.#pending.size === 0) void this.terminate();
  }
}
