/** The part of an SDK v3 client fault injection needs: its middleware stack. */
interface ClientWithMiddleware {
  readonly middlewareStack: {
    add(middleware: (next: (args: any) => Promise<any>, context: { commandName?: string }) => (args: any) => Promise<any>, options: { step: 'initialize'; name: string }): void;
    remove(name: string): boolean;
  };
}

/**
 * Makes the client fail every call of `commandName` whose input mentions `marker`, before it is
 * sent, as if the process had crashed there. Returns a function that heals the client.
 */
export function failCalls(client: ClientWithMiddleware, commandName: string, marker: string): () => void {
  const name = `postroomFault${Math.random().toString(36).slice(2)}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === commandName && JSON.stringify(args.input).includes(marker)) throw new Error(`injected fault: ${commandName} mentioning ${marker}`);
      return next(args);
    },
    { step: 'initialize', name },
  );
  return () => {
    client.middlewareStack.remove(name);
  };
}
