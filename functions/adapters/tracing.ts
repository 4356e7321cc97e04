import type { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { MiddlewareObj } from '@middy/core';

/**
 * Whether Powertools Tracer traces in this process, by its own rules: on Lambda (AWS_EXECUTION_ENV)
 * unless POWERTOOLS_TRACE_ENABLED is false (the stack sets it so when a function's tracing is off,
 * the local runtime always: it has no X-Ray daemon) or SAM CLI runs the function.
 */
export const tracingEnabled = (env: NodeJS.ProcessEnv = process.env): boolean =>
  Boolean(env.AWS_EXECUTION_ENV) && !env.AWS_SAM_LOCAL && env.POWERTOOLS_TRACE_ENABLED?.toLowerCase() !== 'false';

/**
 * The process's X-Ray tracer; undefined when tracing is off. Tracer loads aws-xray-sdk-core, so it
 * is imported only when tracing is on: a function without tracing neither reads nor runs it.
 */
export const tracer: Tracer | undefined = tracingEnabled() ? new (await import('@aws-lambda-powertools/tracer')).Tracer() : undefined;

/** An AWS SDK v3 client whose calls become X-Ray subsegments when tracing is on. */
export const traced = <Client>(client: Client): Client => (tracer ? tracer.captureAWSv3Client(client) : client);

/**
 * Indexed annotations on the invocation's trace (route, queue, exchange, stream...), so X-Ray can
 * filter by them; inside a handler that traceHandler wraps (Lambda's own segment takes none).
 */
export function annotate(annotations: Readonly<Record<string, string | undefined>>): void {
  if (!tracer) return;
  for (const [key, value] of Object.entries(annotations)) if (value !== undefined) tracer.putAnnotation(key, value);
}

/**
 * middy middleware: Powertools' handler segment (cold start, errors) when tracing is on, else none
 * (middy's use() takes a list, and rejects a middleware without a hook).
 */
export const traceHandler = (): MiddlewareObj[] => (tracer ? [captureLambdaHandler(tracer)] : []);
