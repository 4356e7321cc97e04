import { randomBytes, randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { AwsTarget } from '../aws/aws-target.ts';
import type { FunctionDefinition } from './function-definition.ts';
import { locateHandler, type HandlerLocation } from './handler-location.ts';
import { lambdaEnvironment, logGroupName } from './lambda-environment.ts';
import { Sandbox } from './sandbox.ts';
import type { FunctionError } from './worker-protocol.ts';

export type InvocationResult = { readonly requestId: string } & (
  | { readonly ok: true; readonly payload: unknown }
  | { readonly ok: false; readonly error: FunctionError }
);

/** The project's node_modules: where the sandboxes find the AWS SDK Lambda's runtime provides. */
const sdkResolutionBase = pathToFileURL(join(import.meta.dirname, '..', '..', 'package.json')).href;

/**
 * A Lambda function run locally from its bundled asset. Synchronous invocations only (what API
 * Gateway and event-source mappings use); the code is imported once per sandbox (a cold start)
 * and then reused; concurrent invocations share the sandbox.
 */
export class LocalFunction {
  readonly definition: FunctionDefinition;
  readonly #aws: AwsTarget;
  readonly #log: (line: string) => void;
  readonly #output: (line: string) => void;
  readonly #logLevel: string | undefined;
  readonly #location: HandlerLocation | FunctionError;
  readonly #sandboxes = new Set<Sandbox>();
  #current?: Sandbox;
  #stopped = false;

  constructor(
    definition: FunctionDefinition,
    aws: AwsTarget,
    log: (line: string) => void,
    /** The application log level its logging configuration would set (AWS_LAMBDA_LOG_LEVEL). */
    logLevel?: string,
    /** Gets each line the function prints to stdout; this process's stdout by default. */
    output: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {
    this.definition = definition;
    this.#aws = aws;
    this.#log = log;
    this.#logLevel = logLevel;
    this.#output = output;
    try {
      this.#location = locateHandler(definition.codeDirectory, definition.handler);
      this.#current = this.#spawn(this.#location); // initialize now rather than on the first request
    } catch (error) {
      this.#location = { errorType: 'Runtime.ImportModuleError', errorMessage: (error as Error).message };
      log(`warning: function ${definition.logicalId}: ${(error as Error).message}`);
    }
  }

  get name(): string {
    return this.definition.name;
  }

  get arn(): string {
    return this.definition.arn;
  }

  async invoke(event: unknown): Promise<InvocationResult> {
    const requestId = randomUUID();
    if ('errorType' in this.#location) return { requestId, ok: false, error: this.#location };
    if (this.#stopped) return { requestId, ok: false, error: { errorType: 'Runtime.ExitError', errorMessage: 'the local runtime has stopped' } };
    if (!this.#current?.usable) this.#current = this.#spawn(this.#location);
    const timeoutMs = this.definition.timeoutSeconds * 1000;
    const reply = await this.#current.invoke({ requestId, event: JSON.stringify(event), deadline: Date.now() + timeoutMs }, timeoutMs);
    return 'error' in reply ? { requestId, ok: false, error: reply.error } : { requestId, ok: true, payload: JSON.parse(reply.payload) };
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all([...this.#sandboxes].map((sandbox) => sandbox.terminate()));
  }

  #spawn(location: HandlerLocation): Sandbox {
    const { definition } = this;
    const logStreamName = `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${randomBytes(16).toString('hex')}`;
    const sandbox = new Sandbox(
      {
        ...location,
        handler: definition.handler,
        sdkResolutionBase,
        functionName: definition.name,
        functionArn: definition.arn,
        memorySize: definition.memorySize,
        logGroupName: logGroupName(definition),
        logStreamName,
      },
      lambdaEnvironment(definition, this.#aws, logStreamName, this.#logLevel),
      this.#log,
      this.#output,
    );
    this.#sandboxes.add(sandbox);
    void sandbox.exited.then(() => this.#sandboxes.delete(sandbox));
    return sandbox;
  }
}
