/**
 * Runs inside a function's worker thread, as Lambda's Node.js runtime does inside its sandbox:
 * imports the function's bundled code once, then answers invocations with a Lambda-like context.
 * Loaded by Node's own type stripping, so it imports only Node built-ins at run time.
 */
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { FunctionError, InvokeMessage, ReplyMessage, WorkerConfig } from './worker-protocol.ts';

type Handler = (event: unknown, context: object) => unknown;

const config = workerData as WorkerConfig;

// Lambda applies NODE_OPTIONS from the function's environment; a worker thread ignores it, and
// source maps are the option functions set (NodejsFunction's sourceMap).
if (process.env.NODE_OPTIONS?.includes('--enable-source-maps')) process.setSourceMapsEnabled(true);

// Lambda's Node.js runtimes ship the AWS SDK v3, so bundles (NodejsFunction's default) leave
// `@aws-sdk/*` out. Resolve those from the project, as the runtime resolves them from its own copy.
registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!specifier.startsWith('@aws-sdk/')) throw error;
      return nextResolve(specifier, { ...context, parentURL: config.sdkResolutionBase });
    }
  },
});

const handler = loadHandler();
handler.catch(() => undefined); // reported with each invocation instead

parentPort!.on('message', async (message: InvokeMessage) => {
  parentPort!.postMessage(await invoke(message));
});

async function loadHandler(): Promise<Handler> {
  let module: Record<string, unknown>;
  try {
    module = await import(pathToFileURL(config.modulePath).href);
  } catch (error) {
    throw { ...describe(error), errorType: 'Runtime.ImportModuleError' } satisfies FunctionError;
  }
  const lookup = (root: unknown) => config.exportPath.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], root);
  // A CommonJS bundle's exports arrive as the default export.
  const found = lookup(module) ?? lookup(module.default);
  if (typeof found !== 'function') {
    throw { errorType: 'Runtime.HandlerNotFound', errorMessage: `${config.handler} is undefined or not exported` } satisfies FunctionError;
  }
  return found as Handler;
}

async function invoke({ id, requestId, event, deadline }: InvokeMessage): Promise<ReplyMessage> {
  try {
    const run = await handler;
    const result = await run(JSON.parse(event), {
      callbackWaitsForEmptyEventLoop: true,
      functionName: config.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: config.functionArn,
      memoryLimitInMB: String(config.memorySize),
      awsRequestId: requestId,
      logGroupName: config.logGroupName,
      logStreamName: config.logStreamName,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    });
    // Lambda answers with the JSON serialization of the result; undefined becomes null.
    return { id, payload: JSON.stringify(result ?? null) };
  } catch (error) {
    const functionError = isFunctionError(error) ? error : describe(error);
    // What Lambda's Node.js runtime writes to the function's log for a failed invocation.
    console.error(`${new Date().toISOString()}\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify(functionError)}`);
    return { id, error: functionError };
  }
}

function describe(error: unknown): FunctionError {
  if (error instanceof Error) {
    return { errorType: error.name, errorMessage: error.message, trace: error.stack?.split('\n') ?? [] };
  }
  return { errorType: typeof error, errorMessage: String(error) };
}

function isFunctionError(error: unknown): error is FunctionError {
  return typeof error === 'object' && error !== null && !(error instanceof Error) && 'errorType' in error && 'errorMessage' in error;
}
