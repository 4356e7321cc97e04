import { clientConfig, createClient, type AwsTarget } from './aws-target.ts';

interface Destroyable {
  readonly config: { readonly serviceId?: string };
  destroy(): void;
}

/** One SDK client per client class, each on its service's endpoint of the target; destroy() closes their sockets. */
export class AwsClients {
  readonly #clients = new Map<Function, Destroyable>();
  readonly target: AwsTarget;

  constructor(target: AwsTarget) {
    this.target = target;
  }

  get<T extends Destroyable>(Client: new (config: ReturnType<typeof clientConfig>) => T): T {
    let client = this.#clients.get(Client);
    if (!client) {
      client = createClient(Client, this.target);
      this.#clients.set(Client, client);
    }
    return client as T;
  }

  destroy(): void {
    for (const client of this.#clients.values()) client.destroy();
    this.#clients.clear();
  }
}
