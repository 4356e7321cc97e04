/** The part of an SDK v3 client the counter needs: every client has a middleware stack. */
interface ClientWithMiddleware {
  readonly middlewareStack: {
    add(middleware: (next: (args: any) => Promise<any>, context: { commandName?: string }) => (args: any) => Promise<any>, options: { step: 'initialize'; name: string }): void;
  };
}

export interface CallCounter {
  /** Calls per command name since the last reset, e.g. { SendMessageBatchCommand: 100 }. */
  readonly counts: Map<string, number>;
  total(): number;
  reset(): void;
}

export interface CountOptions {
  /** Counts only the calls made while this holds, e.g. inside one party's AsyncLocalStorage context. */
  readonly when?: () => boolean;
  /** A name of its own for each counter on the same clients: a middleware stack refuses a name twice. */
  readonly name?: string;
}

/**
 * Counts AWS API calls by adding an SDK middleware to each client. It sits at the `initialize`
 * step, so an SDK-level retry of one call counts once: the figure is calls the code makes.
 */
export function countCalls(clients: readonly ClientWithMiddleware[], { when = () => true, name = 'postroomBenchCallCounter' }: CountOptions = {}): CallCounter {
  const counts = new Map<string, number>();
  for (const client of clients) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = context.commandName ?? 'unknown';
        if (when()) counts.set(command, (counts.get(command) ?? 0) + 1);
        return next(args);
      },
      { step: 'initialize', name },
    );
  }
  return {
    counts,
    total: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
    reset: () => counts.clear(),
  };
}
