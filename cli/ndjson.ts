import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { UsageError } from './usage-error.ts';

/** One parsed line of an NDJSON input, with its 1-based line number for messages. */
export interface NdjsonLine {
  readonly line: number;
  readonly value: unknown;
}

/**
 * Reads NDJSON from a file (`path`) or stdin, one JSON value per line, streaming (a file of any size
 * is never held whole). Blank lines are skipped; a line that is not JSON stops the read with a
 * UsageError naming the source and line.
 */
export async function* readNdjson(path: string | undefined, stdin: Readable = process.stdin): AsyncGenerator<NdjsonLine> {
  const source = path === undefined ? 'stdin' : path;
  const input = path === undefined ? stdin : createReadStream(path);
  const opened = new Promise<void>((resolve, reject) => {
    if (path === undefined) return resolve();
    input.once('open', () => resolve());
    input.once('error', (error: NodeJS.ErrnoException) => reject(new UsageError(`cannot read ${source}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`)));
  });
  await opened;
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) };
    } catch (error) {
      throw new UsageError(`${source}:${line}: not valid JSON (${(error as Error).message})`);
    }
  }
}

/** Groups an async sequence into arrays of at most `size`, in order. */
export async function* inBatches<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
