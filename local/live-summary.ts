/** What the summary line shows. */
export interface SummaryReading {
  readonly requestsPerSecond: number;
  readonly messages: number;
  readonly deadLetters: number;
}

/** The overview page the summary reads; its own requests are left out of the request log and the rate. */
export const SUMMARY_OVERVIEW_PATH = '/v1/overview?limit=500';

/**
 * `npm start`'s one-line live summary on a terminal, redrawn below the log lines:
 * `postroom: 12.5 requests/s · 340 messages in queues · 2 dead letters`.
 */
export class LiveSummary {
  readonly #terminal: NodeJS.WriteStream;
  #line = '';

  constructor(terminal: NodeJS.WriteStream) {
    this.#terminal = terminal;
  }

  /** Prints a log line above the summary. */
  log(line: string): void {
    this.#terminal.write(`\r\x1b[K${line}\n${this.#line}`);
  }

  show({ requestsPerSecond, messages, deadLetters }: SummaryReading): void {
    this.#line = `postroom: ${requestsPerSecond.toFixed(1)} requests/s · ${messages} messages in queues · ${deadLetters} dead letters`;
    this.#terminal.write(`\r\x1b[K${this.#line}`);
  }

  clear(): void {
    this.#terminal.write('\r\x1b[K');
    this.#line = '';
  }
}

/** Sums every page of the overview: messages ready, in flight and delayed, and dead letters. */
export async function readQueueTotals(baseUrl: string): Promise<{ messages: number; deadLetters: number }> {
  let messages = 0;
  let deadLetters = 0;
  let path: string | undefined = SUMMARY_OVERVIEW_PATH;
  while (path !== undefined) {
    const response = await fetch(`${baseUrl}${path}`);
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
    const page = (await response.json()) as { queues: { messages: { ready: number; inFlight: number; delayed: number; deadLetters: number } }[]; nextCursor?: string };
    for (const { messages: counts } of page.queues) {
      messages += counts.ready + counts.inFlight + counts.delayed;
      deadLetters += counts.deadLetters;
    }
    path = page.nextCursor === undefined ? undefined : `${SUMMARY_OVERVIEW_PATH}&cursor=${page.nextCursor}`;
  }
  return { messages, deadLetters };
}
