import { inBatches, readNdjson, type NdjsonLine } from './ndjson.ts';
import { counted } from './output.ts';
import { liveCounter } from './progress.ts';
import { UsageError } from './usage-error.ts';

/** Messages (records) per request: the API's batch limit for publishes, as the issue asks of produce too. */
const PER_REQUEST = 100;

/** Where a publish or produce takes its input: `--body` inline, else `--file`, else stdin. */
interface InputOptions {
  readonly body?: string;
  readonly file?: string;
}

/**
 * The NDJSON lines to send, or the one message `inline` makes of `--body` (parsed as JSON; a
 * non-JSON value is taken as a string). Stdin is only read when it is not a terminal, so that a bare
 * `postroom queues publish orders` says what it wants instead of waiting.
 */
export function inputLines(options: InputOptions, inline: (body: unknown) => unknown): AsyncIterable<NdjsonLine> {
  if (options.body !== undefined && options.file !== undefined) throw new UsageError('give either --body or --file, not both');
  if (options.body !== undefined) return (async function* () { yield { line: 1, value: inline(parseBody(options.body!)) }; })();
  if (options.file === undefined && process.stdin.isTTY) throw new UsageError('give --body, --file <path> or NDJSON on stdin');
  return readNdjson(options.file);
}

/** A --body value: JSON, else the text itself as a string body. */
export function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Sends the lines `PER_REQUEST` at a time, one request each, in order, with a live counter on a TTY.
 * When a request (or the input) fails, stderr names the input lines that were sent before it, so
 * that the rest can be sent again (e.g. with `tail -n +<line>`); the error then goes on to be reported.
 */
export async function sendInBatches<Result>(
  lines: AsyncIterable<NdjsonLine>,
  send: (items: unknown[]) => Promise<readonly Result[]>,
  what: { readonly verb: string; readonly noun: string },
): Promise<Result[]> {
  const progress = liveCounter(what.verb);
  const results: Result[] = [];
  let lastSentLine = 0;
  let failing: NdjsonLine[] | undefined;
  try {
    for await (const batch of inBatches(lines, PER_REQUEST)) {
      failing = batch;
      results.push(...(await send(batch.map(({ value }) => value))));
      failing = undefined;
      lastSentLine = batch.at(-1)!.line;
      progress.add(batch.length);
    }
  } catch (error) {
    progress.done();
    const sent = results.length === 0 ? `${what.verb} no ${what.noun}s` : `${what.verb} ${counted(results.length, what.noun)} (input lines 1-${lastSentLine})`;
    const request = failing ? `; the request of lines ${failing[0]!.line}-${failing.at(-1)!.line} failed` : '';
    if (results.length > 0 || failing) process.stderr.write(`${sent}${request}\n`);
    throw error;
  }
  progress.done();
  return results;
}
