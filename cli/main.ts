/**
 * `postroom`: the command line for Postroom's HTTP API, on the typed client (postroom/client).
 * Run through cli/postroom.mjs (package.json `bin`).
 */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { consoleCommand } from './commands/console.ts';
import { exchangeCommands } from './commands/exchanges.ts';
import { queueCommands } from './commands/queues.ts';
import { rpcCommand } from './commands/rpc.ts';
import { sagaCommands } from './commands/sagas.ts';
import { stackCommands } from './commands/stack.ts';
import { streamCommands } from './commands/streams.ts';
import { DEFAULT_ENDPOINT, type GlobalOptions } from './context.ts';
import { reportError } from './report-error.ts';

// package.json sits two levels up both in the repo (cli/main.ts) and when built (dist/cli/main.js).
const packageJson = new URL(import.meta.url.endsWith('.ts') ? '../package.json' : '../../package.json', import.meta.url);
const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };

function postroomProgram(): Command {
  const program = new Command('postroom')
    .description("Postroom's HTTP API from the command line: queues, exchanges, streams, sagas")
    .version(version)
    .addOption(new Option('--endpoint <url>', `API base URL; a non-loopback URL is signed with SigV4 (default: POSTROOM_ENDPOINT, else ${DEFAULT_ENDPOINT})`))
    .addOption(new Option('--stack <name>', "a deployed stack's name: its ApiUrl output is the endpoint").conflicts('endpoint'))
    .option('--json', 'JSON output for scripts (NDJSON for streams of messages and records)')
    .showHelpAfterError('(add --help for usage)')
    // Usage errors exit 2 (see reportError), not commander's 1; inherited by every subcommand.
    .exitOverride();
  queueCommands(program);
  exchangeCommands(program);
  streamCommands(program);
  sagaCommands(program);
  rpcCommand(program);
  stackCommands(program);
  consoleCommand(program);
  return program;
}

async function main(argv: readonly string[] = process.argv): Promise<number> {
  const program = postroomProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    const options = program.opts<GlobalOptions>();
    const endpoint = options.endpoint ?? (options.stack ? `the API of stack ${options.stack}` : (process.env.POSTROOM_ENDPOINT ?? DEFAULT_ENDPOINT));
    return reportError(error, { json: options.json === true, endpoint });
  }
}

process.exitCode = await main();
