/** Messages between a function's sandbox (main thread) and its worker thread. Types only. */

/** A function error as Lambda reports it (the body of an Invoke answer with X-Amz-Function-Error). */
export interface FunctionError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

export interface WorkerConfig {
  /** The function's code module, e.g. `<asset>/index.mjs`. */
  readonly modulePath: string;
  /** The handler's export, e.g. ['handler'] for `index.handler`. */
  readonly exportPath: readonly string[];
  /** The Handler setting, for error messages. */
  readonly handler: string;
  /** Where `@aws-sdk/*` imports the bundle left out resolve from (the runtime provides the SDK). */
  readonly sdkResolutionBase: string;
  readonly functionName: string;
  readonly functionArn: string;
  readonly memorySize: number;
  readonly logGroupName: string;
  readonly logStreamName: string;
}

export interface InvokeMessage {
  readonly id: number;
  readonly requestId: string;
  /** The event as JSON, as Lambda hands it over. */
  readonly event: string;
  /** Epoch milliseconds when the invocation times out. */
  readonly deadline: number;
}

export type ReplyMessage = { readonly id: number; readonly payload: string } | { readonly id: number; readonly error: FunctionError };
