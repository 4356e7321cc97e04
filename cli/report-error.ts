import { CommanderError } from 'commander';
import { PostroomError } from '../client/index.ts';
import { UsageError } from './usage-error.ts';

/** Node's and undici's codes for an endpoint that cannot be reached at all. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

/**
 * Prints a failed command's error on stderr and answers the exit code: 1 for the API's problems
 * (`error: <code>: <detail>`, and the problem document as JSON with --json) and anything else that
 * went wrong, 2 for usage errors (commander has printed its own already), 0 for --help/--version.
 */
export function reportError(error: unknown, options: { json: boolean; endpoint: string }, stderr: NodeJS.WritableStream = process.stderr): number {
  // --help and --version end with exit code 0; a command without its subcommand shows help as an error.
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof UsageError) {
    stderr.write(`error: ${error.message}\n`);
    return 2;
  }
  if (error instanceof PostroomError) {
    stderr.write(`error: ${error.code}: ${error.detail}\n`);
    if (options.json) stderr.write(`${JSON.stringify(error.problem)}\n`);
    return 1;
  }
  const unreachable = networkCode(error);
  if (unreachable) {
    const hint = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/.test(options.endpoint) ? 'is `npm start` running?' : 'check --endpoint or --stack';
    stderr.write(`error: cannot reach Postroom at ${options.endpoint} (${unreachable}): ${hint}\n`);
    return 1;
  }
  stderr.write(`error: ${describe(error)}\n`);
  return 1;
}

/**
 * An error's message; for fetch's own "fetch failed", with the reason in its cause (a port that
 * fetch refuses to use, such as 4190, or a certificate it cannot verify), which alone says what to change.
 */
function describe(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  const reason = (error as { cause?: { message?: unknown } } | undefined)?.cause?.message;
  return error instanceof TypeError && message === 'fetch failed' && typeof reason === 'string' ? `${message}: ${reason}` : message;
}

/** The code of a connection failure anywhere in an error's cause chain. */
function networkCode(error: unknown): string | undefined {
  for (let cause = error as { code?: unknown; cause?: unknown } | undefined; cause; cause = cause.cause as typeof cause) {
    if (typeof cause.code === 'string' && UNREACHABLE.has(cause.code)) return cause.code;
  }
  return undefined;
}
