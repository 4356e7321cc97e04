import type { Command } from 'commander';
import { PostroomClient } from '../client/index.ts';
import { Output } from './output.ts';
import { stackApiUrl } from './stack-url.ts';

/** The program's global options (cli/main.ts). */
export interface GlobalOptions {
  readonly endpoint?: string;
  readonly stack?: string;
  readonly json?: boolean;
}

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:4000';

/** What every command's action works with: the global options, its output and a client. */
export interface Cli {
  readonly options: GlobalOptions;
  readonly out: Output;
  /** The endpoint: --endpoint, else the --stack's API URL, else POSTROOM_ENDPOINT, else the local runtime's. */
  endpoint(): Promise<string>;
  client(): Promise<PostroomClient>;
}

/** The Cli of a command's action (commander passes the command last). */
export function cliOf(command: Command): Cli {
  const options = command.optsWithGlobals<GlobalOptions>();
  const endpoint = async () => {
    if (options.stack) return stackApiUrl(options.stack);
    return options.endpoint ?? process.env.POSTROOM_ENDPOINT ?? DEFAULT_ENDPOINT;
  };
  return {
    options,
    out: new Output(options.json === true),
    endpoint,
    // The client signs requests to a non-loopback endpoint (a deployed stack) with SigV4.
    client: async () => new PostroomClient({ endpoint: await endpoint() }),
  };
}
