/** The part of an SDK v3 client fault injection needs: its middleware stack. */
interface ClientWithMiddleware {
  readonly middlewareStack: {
    add(middleware: (next: (args: any) => Promise<any>, context: { commandName?: string }) => (args: any) => Promise<any>, options: { step: 'initialize'; name: string }): void;
    remove(name: string): boolean;
  };
}

/**
 * Makes the client fail the calls `shouldFail` picks, before they are sent, as if the process had
 * crashed there or the network had dropped them. Returns a function that heals the client.
 */
function injectFault(
  client: ClientWithMiddleware,
  shouldFail: (commandName: string | undefined, input: unknown) => boolean,
  fault: (commandName: string | undefined) => Error = (commandName) => new Error(`injected fault: ${commandName}`),
  when: 'before' | 'after' = 'before',
): () => void {
  const name = `postroomFault${Math.random().toString(36).slice(2)}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (when === 'before' && shouldFail(context.commandName, args.input)) throw fault(context.commandName);
      const result = await next(args);
      if (when === 'after' && shouldFail(context.commandName, args.input)) throw fault(context.commandName);
      return result;
    },
    { step: 'initialize', name },
  );
  return () => {
    client.middlewareStack.remove(name);
  };
}

/** Fails every call of `commandName` whose input mentions `marker`. */
export function failCalls(client: ClientWithMiddleware, commandName: string, marker: string): () => void {
  return injectFault(client, (command, input) => command === commandName && JSON.stringify(input).includes(marker));
}

/** What the SDK throws once its own retries of a call that kept meeting a 500 give up. */
function serverFault(commandName: string | undefined): Error {
  return Object.assign(new Error(`injected server fault: ${commandName}`), { name: 'InternalError', $fault: 'server', $metadata: { httpStatusCode: 500 } });
}

/**
 * Fails each call of `commandName` with probability `rate` (drawn from `random`, so that runs
 * repeat) as the service's 500 would.
 */
export function failRandomly(client: ClientWithMiddleware, commandName: string, random: () => number, rate: number): () => void {
  return injectFault(client, (command) => command === commandName && random() < rate, serverFault);
}

/**
 * Lets each call of `commandName` through and then, with probability `rate`, fails it as if its
 * response had been lost or the process had crashed right after it: the write happened, its
 * caller does not know.
 */
export function failAfterRandomly(client: ClientWithMiddleware, commandName: string, random: () => number, rate: number): () => void {
  return injectFault(client, (command) => command === commandName && random() < rate, (command) => new Error(`injected crash after ${command}`), 'after');
}
